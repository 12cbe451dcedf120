import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import { ConsoleError, isUniqueViolation } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { createUserSchema, type UserView } from "@/lib/schemas/users";
import { toUserView } from "./user-view";

/** An admin adds a member to their team with a role and a first password. */
export async function createUser(prisma: PrismaClient, actor: Actor, rawInput: unknown): Promise<UserView> {
  const input = parseInput(createUserSchema, rawInput);
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash } });
      await tx.membership.create({ data: { userId: created.id, teamId: actor.teamId, role: input.role } });
      await auditBy(tx, actor, { action: "user.create", objectType: "user", objectId: created.id, details: { email: created.email, role: created.role } });
      return created;
    });
    return toUserView(user);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConsoleError("conflict", `A user with email ${input.email} already exists.`, { email: ["Already a user"] });
    throw error;
  }
}
