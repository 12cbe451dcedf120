import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { parseInput } from "@/lib/errors/validation";
import { ACTIVE_RUN_STATES, stopRunsSchema, type RunView } from "@/lib/schemas/runs";
import { findRun } from "./find-run";
import type { StopRunsResult } from "./run-contract";
import { RUN_INCLUDE, toRunView, type RunRow } from "./run-view";
import { runRefOf, trainingBackendFor } from "./training-backend";

export function isActive(state: string): boolean {
  return (ACTIVE_RUN_STATES as readonly string[]).includes(state);
}

/**
 * Records the wish (desiredState "stopped") and asks the backend at once. A run never launched is
 * Stopped on the spot; a backend that does not answer is asked again by the reconciler.
 */
async function requestStop(prisma: PrismaClient, actor: Actor, run: RunRow): Promise<RunView> {
  if (!isActive(run.state)) return toRunView(run);
  await prisma.$transaction(async (tx) => {
    await tx.trainingRun.update({ where: { id: run.id }, data: { desiredState: "stopped" } });
    await auditBy(tx, actor, { action: "run.stop", objectType: "run", objectId: run.id, details: { name: run.name, state: run.state } });
  });
  if (run.state === "Queued" && !run.externalId) {
    const stopped = await prisma.trainingRun.updateMany({ where: { id: run.id, state: "Queued", externalId: null }, data: { state: "Stopped", finishedAt: new Date() } });
    if (stopped.count > 0) {
      await prisma.runEvent.create({ data: { runId: run.id, state: "Stopped", reason: "StoppedBeforeLaunch", message: `Stopped by ${actor.email} before it was launched` } });
    }
  } else if (run.state !== "Stopping") {
    try {
      await trainingBackendFor(await prisma.target.findUniqueOrThrow({ where: { id: run.targetId } })).stop(runRefOf(run));
      await prisma.$transaction([
        prisma.trainingRun.update({ where: { id: run.id }, data: { state: "Stopping" } }),
        prisma.runEvent.create({ data: { runId: run.id, state: "Stopping", phase: run.phase, reason: "StopRequested", message: `Stop requested by ${actor.email}` } }),
      ]);
    } catch (error) {
      // Left to the reconciler, which retries while desiredState is "stopped".
      await prisma.runEvent.create({
        data: { runId: run.id, state: run.state, phase: run.phase, reason: "StopNotDelivered", message: `The target did not take the stop yet: ${error instanceof Error ? error.message : String(error)}` },
      });
    }
  }
  return toRunView(await prisma.trainingRun.findUniqueOrThrow({ where: { id: run.id }, include: RUN_INCLUDE }));
}

/** Asks each active run to stop (bulk; input: stopRunsSchema). Finished runs are returned unchanged. */
export async function stopRuns(prisma: PrismaClient, actor: Actor, rawInput: unknown): Promise<StopRunsResult> {
  const { runs } = parseInput(stopRunsSchema, rawInput);
  const items: RunView[] = [];
  for (const idOrName of [...new Set(runs)]) items.push(await requestStop(prisma, actor, await findRun(prisma, actor, idOrName)));
  return { items };
}

/** Stops one run. */
export async function stopRun(prisma: PrismaClient, actor: Actor, idOrName: string): Promise<RunView> {
  return requestStop(prisma, actor, await findRun(prisma, actor, idOrName));
}
