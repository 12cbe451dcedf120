import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { requestActor } from "@/lib/auth/request-actor";
import { hasRole } from "@/lib/auth/roles";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError, type FieldErrors } from "@/lib/errors/console-error";
import { toErrorBody } from "./error-body";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: FieldErrors };

/**
 * The server-action twin of apiRoute: same caller resolution and role check, and errors come back as
 * values (not thrown) so forms can show them inline next to the field and keep what was typed.
 */
export function authorizedAction<Input, Output>(
  role: Role,
  run: (context: { prisma: PrismaClient; actor: Actor }, input: Input) => Promise<Output>,
): (input: Input) => Promise<ActionResult<Output>> {
  return async (input) => {
    try {
      const actor = await requestActor();
      if (!actor) throw new ConsoleError("unauthorized", "Your session has ended. Sign in again.");
      if (!hasRole(actor.role, role)) {
        throw new ConsoleError("forbidden", `You need the ${role} role for this; you are ${actor.role}.`);
      }
      return { ok: true, data: await run({ prisma: await openPrisma(), actor }, input) };
    } catch (error) {
      const { body } = toErrorBody(error);
      return { ok: false, error: body.error.message, fieldErrors: body.error.fieldErrors };
    }
  };
}
