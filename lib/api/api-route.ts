import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { actorForRequestHeaders, requestCredential } from "@/lib/auth/request-actor";
import { hasRole } from "@/lib/auth/roles";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError } from "@/lib/errors/console-error";
import { changesState, isSameOriginRequest } from "@/lib/security/same-origin";
import { toErrorBody } from "./error-body";
import { findOperation, type OperationKey } from "./find-operation";

export { readJsonBody } from "./read-body";

export interface ApiContext<Params> {
  request: Request;
  actor: Actor;
  prisma: PrismaClient;
  params: Params;
}

export type RouteHandler<Params> = (request: Request, routeContext: { params: Promise<Params> }) => Promise<Response>;

/**
 * Every /api/v1 handler goes through here. The route names the operation it serves
 * (`"POST /api/v1/users"`); the role and success status come from that one entry in the operation
 * list, which also builds the OpenAPI document. Then: resolve the caller (API token or session),
 * refuse cookie-carrying writes from other origins, check the role, run one lib/ function, and
 * answer JSON — errors in one shape for all routes.
 */
export function apiRoute<Params = Record<string, never>>(key: OperationKey, handler: (context: ApiContext<Params>) => Promise<unknown>): RouteHandler<Params> {
  const operation = findOperation(key);
  return async (request, routeContext) => {
    try {
      const credential = requestCredential(request.headers);
      if (credential?.kind === "session" && changesState(request.method) && !isSameOriginRequest(request.headers)) {
        throw new ConsoleError("forbidden", "This request came from another site; the console accepts signed-in changes only from its own pages. Scripts use an API token.");
      }
      const actor = await actorForRequestHeaders(request.headers);
      if (!actor) throw new ConsoleError("unauthorized", "Send `Authorization: Bearer <API token>` (Settings → API tokens) or sign in.");
      if (!hasRole(actor.role, operation.role)) {
        throw new ConsoleError("forbidden", `This needs the ${operation.role} role; you are ${actor.role}.`);
      }
      const result = await handler({ request, actor, prisma: await openPrisma(), params: await routeContext.params });
      return result instanceof Response ? result : Response.json(result, { status: operation.status });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** A route anyone may call (the API description): described like every other, with no caller to check. */
export function publicRoute(key: OperationKey, handler: (request: Request) => Promise<unknown> | unknown): RouteHandler<Record<string, never>> {
  const operation = findOperation(key);
  if (!operation.public) throw new Error(`${key} is not marked public in lib/api/operations.`);
  return async (request) => {
    try {
      const result = await handler(request);
      return result instanceof Response ? result : Response.json(result, { status: operation.status });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  const { status, body, headers } = toErrorBody(error);
  return Response.json(body, { status, headers: { ...headers, ...(status === 401 ? { "WWW-Authenticate": 'Bearer realm="ocr-console"' } : {}) } });
}

/**
 * Custom methods (`POST /api/v1/runs/{id}:stop`) share a route with their resource: this picks the
 * handler by the `:verb` suffix of one path parameter and hands it the parameter without it.
 */
export function customMethods<Params extends Record<string, string | string[]>>(
  param: keyof Params & string,
  methods: Record<string, RouteHandler<Params>>,
): RouteHandler<Params> {
  return async (request, routeContext) => {
    const params = await routeContext.params;
    const raw = decodeURIComponent(String(params[param]));
    const colon = raw.lastIndexOf(":");
    const verb = colon > 0 ? raw.slice(colon + 1) : "";
    const handler = Object.hasOwn(methods, verb) ? methods[verb] : undefined;
    if (!handler) {
      const verbs = Object.keys(methods).map((verb) => `:${verb}`).join(", ");
      return errorResponse(new ConsoleError("not_found", `No such method here; use ${verbs}.`));
    }
    return handler(request, { params: Promise.resolve({ ...params, [param]: encodeURIComponent(raw.slice(0, colon)) }) });
  };
}

export function searchParamsObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
