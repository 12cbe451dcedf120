import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ConsoleError } from "@/lib/errors/console-error";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword, verifyPassword } from "./password";
import { createSession } from "./sessions";
import type { SignInInput } from "@/lib/schemas/auth";

// Verifying against a real hash when the user is unknown keeps the answer time the same, so timing
// does not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;

export async function signIn(prisma: PrismaClient, input: SignInInput): Promise<{ token: string; expiresAt: Date }> {
  const user = await prisma.user.findUnique({ where: { email: input.email } });
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await (decoyHash ??= hashPassword("decoy"))));
  if (!user || !valid || user.disabled) {
    throw new ConsoleError("unauthorized", "Wrong email or password.");
  }
  const session = await createSession(prisma, user.id);
  await recordAuditEvent(prisma, {
    actorId: user.id,
    actorLabel: user.email,
    action: "user.sign-in",
    objectType: "user",
    objectId: user.id,
  });
  return session;
}
