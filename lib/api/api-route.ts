import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { requestActor } from "@/lib/auth/request-actor";
import { hasRole } from "@/lib/auth/roles";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError } from "@/lib/errors/console-error";
import { toErrorBody } from "./error-body";

export interface ApiContext<Params> {
  request: Request;
  actor: Actor;
  prisma: PrismaClient;
  params: Params;
}

/**
 * Every /api/v1 handler goes through here: resolve the caller (API token or session), check the
 * role, run one lib/ function, and answer JSON — errors in one shape for all routes.
 */
export function apiRoute<Params = Record<string, never>>(
  options: { role: Role; status?: number },
  handler: (context: ApiContext<Params>) => Promise<unknown>,
) {
  return async (request: Request, routeContext: { params: Promise<Params> }): Promise<Response> => {
    try {
      const actor = await requestActor();
      if (!actor) throw new ConsoleError("unauthorized", "Send `Authorization: Bearer <API token>` (Settings → API tokens) or sign in.");
      if (!hasRole(actor.role, options.role)) {
        throw new ConsoleError("forbidden", `This needs the ${options.role} role; you are ${actor.role}.`);
      }
      const result = await handler({ request, actor, prisma: await openPrisma(), params: await routeContext.params });
      return result instanceof Response ? result : Response.json(result, { status: options.status ?? 200 });
    } catch (error) {
      const { status, body } = toErrorBody(error);
      return Response.json(body, { status, headers: status === 401 ? { "WWW-Authenticate": 'Bearer realm="ocr-console"' } : {} });
    }
  };
}

export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConsoleError("bad_request", "The request body is not valid JSON.");
  }
}

export function searchParamsObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
