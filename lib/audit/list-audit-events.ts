import type { AuditEvent, PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors/validation";
import { afterCursor, newestFirst, toPage } from "@/lib/pagination/cursor";
import { auditQuerySchema, type AuditEventView } from "@/lib/schemas/audit";

function toAuditEventView(event: AuditEvent): AuditEventView {
  return {
    id: event.id,
    at: event.at.toISOString(),
    actor: event.actorLabel,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    details: (event.details ?? {}) as Record<string, unknown>,
  };
}

/** The team's audit trail, newest first, optionally narrowed to one action or kind of object. */
export async function listAuditEvents(prisma: PrismaClient, actor: Actor, rawQuery: unknown = {}) {
  const { limit, cursor, action, objectType } = parseInput(auditQuerySchema, rawQuery);
  const rows = await prisma.auditEvent.findMany({
    where: {
      teamId: actor.teamId,
      ...(action ? { action } : {}),
      ...(objectType ? { objectType } : {}),
      ...afterCursor(cursor, "at"),
    },
    orderBy: newestFirst("at"),
    take: limit + 1,
  });
  return toPage(rows, limit, toAuditEventView, (row) => row.at);
}
