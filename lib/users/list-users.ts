import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { UserView } from "@/lib/schemas/users";
import { toUserView } from "./user-view";

export async function listUsers(prisma: PrismaClient, actor: Actor): Promise<UserView[]> {
  const users = await prisma.user.findMany({
    where: { memberships: { some: { teamId: actor.teamId } } },
    orderBy: { createdAt: "asc" },
  });
  return users.map(toUserView);
}
