import type { Target, TrainingRun } from "@/lib/generated/prisma/client";
import { ConsoleError } from "@/lib/errors/console-error";
import { providerFor } from "@/lib/providers";
import type { RunRef, TrainingBackend } from "@/lib/providers/training";
import { resolveTarget } from "@/lib/targets/resolve-target";

/** The training side of a target's provider, or a clear refusal where the target cannot train. */
export function trainingBackendFor(target: Target): TrainingBackend {
  const backend = providerFor(resolveTarget(target)).training;
  if (!backend) throw new ConsoleError("conflict", `Training on ${target.kind} targets is not available yet.`);
  return backend;
}

/** How a backend finds a launched run again: `request` is exactly what its launch() returned. */
export function runRefOf(run: Pick<TrainingRun, "id" | "name" | "attempt" | "externalId" | "request">): RunRef {
  const request = run.request as { body?: unknown } | null;
  return { runId: run.id, name: run.name, attempt: run.attempt, externalId: run.externalId, request: request?.body ?? null };
}
