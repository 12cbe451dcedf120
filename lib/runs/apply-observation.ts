import type { Prisma, PrismaClient, RunState, Target, TrainingRun } from "@/lib/generated/prisma/client";
import type { RunObservation } from "@/lib/providers/training";

export const TERMINAL_STATES: readonly RunState[] = ["Succeeded", "Failed", "Stopped"];
export const isTerminal = (state: RunState) => TERMINAL_STATES.includes(state);

export type ReconciledRun = TrainingRun & { target: Target };

/**
 * The state the console records for what the backend says, given what the console wants: once a
 * stop is asked, a still-running run shows Stopping and a run that then fails shows Stopped (it was
 * stopped, not broken). A run that finished before the stop took effect keeps Succeeded.
 */
export function recordedState(run: Pick<TrainingRun, "desiredState">, observed: RunState): RunState {
  if (run.desiredState !== "stopped") return observed;
  if (observed === "Failed") return "Stopped";
  if (observed === "Queued" || observed === "Starting" || observed === "Running") return "Stopping";
  return observed;
}

const sameInstant = (a: Date, b: Date) => Math.abs(a.getTime() - b.getTime()) < 1000;

/**
 * Writes one observation: the transitions the backend keeps itself (not yet recorded), then the new
 * state and phase as a RunEvent when either changed, with times, exit status, reason, outputs and
 * backend metrics on the run. Returns the run as now recorded.
 */
export async function applyObservation(prisma: PrismaClient, run: ReconciledRun, observation: RunObservation): Promise<ReconciledRun> {
  const state = recordedState(run, observation.state);
  const phase = observation.phase ?? null;
  const terminal = isTerminal(state);
  const now = new Date();

  return prisma.$transaction(async (tx) => {
    if (observation.transitions?.length) {
      const known = await tx.runEvent.findMany({ where: { runId: run.id }, select: { at: true, phase: true, state: true } });
      const fresh = observation.transitions.filter((t) => !known.some((k) => k.phase === t.phase && k.state === t.state && sameInstant(k.at, t.at)));
      if (fresh.length) {
        await tx.runEvent.createMany({
          data: fresh.map((t) => ({ runId: run.id, at: t.at, state: recordedState(run, t.state), phase: t.phase, reason: t.reason, message: t.message })),
        });
      }
    }
    const changed = state !== run.state || phase !== run.phase;
    const data: Prisma.TrainingRunUpdateInput = {};
    if (changed) Object.assign(data, { state, phase });
    if (!run.startedAt && (observation.startedAt || state === "Running")) data.startedAt = observation.startedAt ?? now;
    if (terminal && !run.finishedAt) data.finishedAt = observation.finishedAt ?? now;
    if (observation.exitCode !== undefined && observation.exitCode !== run.exitCode) data.exitCode = observation.exitCode;
    if (observation.exitSignal !== undefined && observation.exitSignal !== run.exitSignal) data.exitSignal = observation.exitSignal;
    if (state === "Failed" && changed) data.failureReason = [observation.reason, observation.message].filter(Boolean).join(": ") || "The target reported a failure";
    if (observation.outputs && Object.keys(observation.outputs).length) {
      data.outputs = { ...((run.outputs ?? {}) as Record<string, unknown>), ...observation.outputs } as Prisma.InputJsonValue;
    }
    if (observation.metrics && Object.keys(observation.metrics).length) {
      data.metrics = { ...((run.metrics ?? {}) as Record<string, unknown>), ...observation.metrics } as Prisma.InputJsonValue;
    }
    if (Object.keys(data).length === 0) return run;
    if (changed) {
      await tx.runEvent.create({ data: { runId: run.id, state, phase, reason: observation.reason ?? null, message: observation.message ?? null } });
    }
    return tx.trainingRun.update({ where: { id: run.id }, data, include: { target: true } });
  });
}
