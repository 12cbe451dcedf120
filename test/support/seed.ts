import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";

let counter = 0;

/** A user with a role in a team of its own (or the given one), as the actor domain functions take. */
export async function seedActor(prisma: PrismaClient, role: Role, teamId?: string): Promise<Actor> {
  counter += 1;
  const team = teamId ? { id: teamId } : await prisma.team.create({ data: { slug: `team-${counter}-${Date.now()}`, name: `Team ${counter}` } });
  const user = await prisma.user.create({
    data: { email: `user${counter}.${Date.now()}@example.com`, name: `User ${counter}`, passwordHash: await hashPassword("pw"), role },
  });
  await prisma.membership.create({ data: { userId: user.id, teamId: team.id, role } });
  return { userId: user.id, email: user.email, name: user.name, role, teamId: team.id, via: "session" };
}
