import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { actorLabel, type Actor } from "@/lib/auth/actor";

type Db = PrismaClient | Prisma.TransactionClient;

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId?: string | null;
  details?: Prisma.InputJsonValue;
}

/** Records who did what to which object. Every state-changing action writes one. */
export async function recordAuditEvent(
  db: Db,
  entry: AuditEntry & { actorId: string | null; actorLabel: string; teamId?: string | null },
): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: entry.actorId,
      actorLabel: entry.actorLabel,
      teamId: entry.teamId ?? null,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId ?? null,
      details: entry.details ?? {},
    },
  });
}

export function auditBy(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  return recordAuditEvent(db, { ...entry, actorId: actor.userId, actorLabel: actorLabel(actor), teamId: actor.teamId });
}
