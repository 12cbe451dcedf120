"use server";

import type { ActionResult } from "@/lib/api/authorized-action";
import { toErrorBody } from "@/lib/api/error-body";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { signIn } from "@/lib/auth/sign-in";
import { prisma } from "@/lib/db";
import { parseInput } from "@/lib/errors/validation";
import { signInSchema } from "@/lib/schemas/auth";

// The one action open to anonymous callers: it is how a caller stops being anonymous.
export async function signInAction(input: unknown): Promise<ActionResult<null>> {
  try {
    const session = await signIn(await prisma(), parseInput(signInSchema, input));
    await setSessionCookie(session.token, session.expiresAt);
    return { ok: true, data: null };
  } catch (error) {
    const { body } = toErrorBody(error);
    return { ok: false, error: body.error.message, fieldErrors: body.error.fieldErrors };
  }
}
