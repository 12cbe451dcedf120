"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/api/authorized-action";
import { cloneRun } from "@/lib/runs/clone-run";
import { compareRuns } from "@/lib/runs/compare-runs";
import { createRun, renderRun } from "@/lib/runs/create-run";
import { deleteRun } from "@/lib/runs/delete-run";
import { getRun, runRequest } from "@/lib/runs/get-run";
import { listRuns } from "@/lib/runs/list-runs";
import { registerRunModel } from "@/lib/runs/register-run-model";
import { retryRun } from "@/lib/runs/retry-run";
import { runEvents } from "@/lib/runs/run-events";
import { runMetrics } from "@/lib/runs/run-metrics";
import { stopRun, stopRuns } from "@/lib/runs/stop-runs";
import { trainingTargets } from "@/lib/runs/training-readiness";

// Server actions of the runs pages: each parses in its lib function, authorizes here, revalidates.
// Viewers read; editors launch, stop, retry, register and delete.

function revalidateRuns(name?: string) {
  revalidatePath("/runs");
  if (name) revalidatePath(`/runs/${name}`);
}

export const listRunsAction = authorizedAction("viewer", ({ prisma, actor }, query: unknown) => listRuns(prisma, actor, query));

export const getRunAction = authorizedAction("viewer", ({ prisma, actor }, idOrName: string) => getRun(prisma, actor, idOrName));

export const runRequestAction = authorizedAction("viewer", ({ prisma, actor }, idOrName: string) => runRequest(prisma, actor, idOrName));

export const runEventsAction = authorizedAction("viewer", ({ prisma, actor }, idOrName: string) => runEvents(prisma, actor, idOrName));

export const runMetricsAction = authorizedAction("viewer", ({ prisma, actor }, input: { run: string; query?: unknown }) =>
  runMetrics(prisma, actor, input.run, input.query),
);

export const compareRunsAction = authorizedAction("viewer", ({ prisma, actor }, query: unknown) => compareRuns(prisma, actor, query));

export const trainingTargetsAction = authorizedAction("viewer", ({ prisma, actor }) => trainingTargets(prisma, actor));

/** "View request": what launching this form would send, without launching. */
export const renderRunAction = authorizedAction("editor", ({ prisma, actor }, input: unknown) => renderRun(prisma, actor, input));

/** The run's parameters as a new-run form input. */
export const cloneRunAction = authorizedAction("viewer", ({ prisma, actor }, idOrName: string) => cloneRun(prisma, actor, idOrName));

export const createRunAction = authorizedAction("editor", async ({ prisma, actor }, input: unknown) => {
  const run = await createRun(prisma, actor, input);
  revalidateRuns();
  return run;
});

export const stopRunAction = authorizedAction("editor", async ({ prisma, actor }, idOrName: string) => {
  const run = await stopRun(prisma, actor, idOrName);
  revalidateRuns(run.name);
  return run;
});

export const stopRunsAction = authorizedAction("editor", async ({ prisma, actor }, input: unknown) => {
  const result = await stopRuns(prisma, actor, input);
  revalidateRuns();
  return result;
});

export const retryRunAction = authorizedAction("editor", async ({ prisma, actor }, idOrName: string) => {
  const run = await retryRun(prisma, actor, idOrName);
  revalidateRuns();
  return run;
});

export const registerRunModelAction = authorizedAction("editor", async ({ prisma, actor }, input: { run: string; model?: unknown }) => {
  const registered = await registerRunModel(prisma, actor, input.run, input.model ?? {});
  revalidateRuns(input.run);
  revalidatePath("/models");
  return registered;
});

export const deleteRunAction = authorizedAction("editor", async ({ prisma, actor }, input: { run: string; deleteOutputs?: boolean }) => {
  await deleteRun(prisma, actor, input.run, { deleteOutputs: input.deleteOutputs ?? false });
  revalidateRuns();
  return null;
});
