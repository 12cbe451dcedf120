import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "./actor";

/**
 * Builds the actor for a user, in their first team. Team switching comes with the Teams issue; the
 * tables already carry team scoping so nothing moves then.
 */
export async function actorForUser(
  prisma: PrismaClient,
  userId: string,
  via: Actor["via"],
): Promise<Actor | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    include: { memberships: { orderBy: { createdAt: "asc" }, take: 1 } },
  });
  const membership = user?.memberships[0];
  if (!user || user.disabled || !membership) return null;
  return { userId: user.id, email: user.email, name: user.name, role: user.role, teamId: membership.teamId, via };
}
