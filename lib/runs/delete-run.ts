import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { deleteRunSchema } from "@/lib/schemas/runs";
import { findRun } from "./find-run";
import { isActive } from "./stop-runs";
import { runRefOf, trainingBackendFor } from "./training-backend";

/**
 * Removes a finished run: the backend's objects first (outputs too when `deleteOutputs`), then the
 * record with its events and metrics. Model versions registered from it stay, without the link.
 */
export async function deleteRun(prisma: PrismaClient, actor: Actor, idOrName: string, rawInput: unknown = {}): Promise<void> {
  const { deleteOutputs } = parseInput(deleteRunSchema, rawInput ?? {});
  const run = await findRun(prisma, actor, idOrName);
  if (isActive(run.state)) throw new ConsoleError("conflict", `Run ${run.name} is still ${run.state}; stop it before deleting it.`);
  if (run.externalId) {
    const target = await prisma.target.findUniqueOrThrow({ where: { id: run.targetId } });
    await trainingBackendFor(target).remove(runRefOf(run), { deleteOutputs });
  }
  await prisma.$transaction(async (tx) => {
    await tx.trainingRun.delete({ where: { id: run.id } });
    await auditBy(tx, actor, { action: "run.delete", objectType: "run", objectId: run.id, details: { name: run.name, deleteOutputs } });
  });
}
