import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError } from "@/lib/errors/console-error";

export async function deleteTarget(prisma: PrismaClient, actor: Actor, name: string): Promise<void> {
  const target = await prisma.target.findUnique({
    where: { teamId_name: { teamId: actor.teamId, name } },
    include: { _count: { select: { runs: true, endpoints: true } } },
  });
  if (!target) throw new ConsoleError("not_found", `No target named "${name}".`);
  if (target.kind === "local") throw new ConsoleError("conflict", "The local target cannot be removed.");
  if (target._count.runs + target._count.endpoints > 0) {
    throw new ConsoleError("conflict", `Target "${name}" has runs or endpoints; remove those first.`);
  }
  await prisma.$transaction(async (tx) => {
    await tx.target.delete({ where: { id: target.id } });
    await auditBy(tx, actor, { action: "target.delete", objectType: "target", objectId: target.id, details: { name } });
  });
}
