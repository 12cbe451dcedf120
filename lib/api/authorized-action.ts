import { headers } from "next/headers";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { actorForRequestHeaders } from "@/lib/auth/request-actor";
import { hasRole } from "@/lib/auth/roles";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError, type FieldErrors } from "@/lib/errors/console-error";
import { isSameOriginRequest } from "@/lib/security/same-origin";
import { toErrorBody } from "./error-body";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: FieldErrors };

/** A server action made by authorizedAction, carrying the role it requires (the route-walk test reads it). */
export type AuthorizedAction<Input, Output> = ((input: Input) => Promise<ActionResult<Output>>) & { requiredRole: Role };

/**
 * The server-action twin of apiRoute: same caller resolution, origin and role checks, and errors
 * come back as values (not thrown) so forms can show them inline next to the field and keep what
 * was typed. Next.js checks a server action's origin too; checking here as well keeps the rule
 * in one testable place and answers in words instead of a bare 500.
 */
export function authorizedAction<Input, Output>(
  role: Role,
  run: (context: { prisma: PrismaClient; actor: Actor }, input: Input) => Promise<Output>,
): AuthorizedAction<Input, Output> {
  const action = async (input: Input): Promise<ActionResult<Output>> => {
    try {
      const requestHeaders = await headers();
      if (!isSameOriginRequest(requestHeaders)) throw new ConsoleError("forbidden", "This request came from another site; the console accepts changes only from its own pages.");
      const actor = await actorForRequestHeaders(requestHeaders);
      if (!actor) throw new ConsoleError("unauthorized", "Your session has ended. Sign in again.");
      if (!hasRole(actor.role, role)) {
        throw new ConsoleError("forbidden", `You need the ${role} role for this; you are ${actor.role}.`);
      }
      return { ok: true, data: await run({ prisma: await openPrisma(), actor }, input) };
    } catch (error) {
      return actionError(error);
    }
  };
  return Object.assign(action, { requiredRole: role });
}

export function actionError(error: unknown): { ok: false; error: string; fieldErrors?: FieldErrors } {
  const { body } = toErrorBody(error);
  return { ok: false, error: body.error.message, fieldErrors: body.error.fieldErrors };
}
