import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError } from "@/lib/errors/console-error";

/** Revokes one of the actor's own tokens; it stops working on the next request. */
export async function revokeApiToken(prisma: PrismaClient, actor: Actor, id: string): Promise<void> {
  const token = await prisma.apiToken.findFirst({ where: { id, userId: actor.userId } });
  if (!token) throw new ConsoleError("not_found", "No such API token.");
  if (token.revokedAt) return;
  await prisma.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  await auditBy(prisma, actor, { action: "api-token.revoke", objectType: "api-token", objectId: id, details: { name: token.name } });
}
