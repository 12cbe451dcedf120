import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { actorForUser } from "@/lib/auth/actor-for-user";
import { hashToken } from "@/lib/auth/tokens";

export async function actorForApiToken(prisma: PrismaClient, secret: string): Promise<Actor | null> {
  const token = await prisma.apiToken.findUnique({ where: { tokenHash: hashToken(secret) } });
  if (!token || token.revokedAt) return null;
  // Last use is shown in Settings; a minute's precision is enough and spares a write per request.
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  }
  return actorForUser(prisma, token.userId, "api-token");
}
