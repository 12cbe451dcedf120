import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunView } from "@/lib/schemas/runs";

// One TrainingRun row as pages and the API see it. The relations give names (target, dataset,
// version, who) so no caller needs a second query.

export const RUN_INCLUDE = {
  target: { select: { name: true, kind: true } },
  dataset: { select: { name: true } },
  datasetVersion: { select: { version: true } },
  createdBy: { select: { email: true } },
} as const satisfies Prisma.TrainingRunInclude;

export type RunRow = Prisma.TrainingRunGetPayload<{ include: typeof RUN_INCLUDE }>;

function numberRecord(value: unknown): Record<string, number> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === "number" && Number.isFinite(entry[1])));
}

function objectRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

export function toRunView(run: RunRow, now: Date = new Date()): RunView {
  const end = run.finishedAt ?? (run.startedAt ? now : null);
  return {
    id: run.id,
    name: run.name,
    target: run.target.name,
    targetKind: run.target.kind,
    dataset: run.dataset ? { name: run.dataset.name, version: run.datasetVersion?.version ?? null } : null,
    modelName: run.modelName,
    configPath: run.configPath,
    configChanges: stringList(run.configChanges),
    pretrainedModel: run.pretrainedModel,
    image: run.image,
    resources: objectRecord(run.resources),
    targetOptions: objectRecord(run.targetOptions),
    externalId: run.externalId,
    state: run.state,
    phase: run.phase,
    failureReason: run.failureReason,
    exitCode: run.exitCode,
    exitSignal: run.exitSignal,
    metrics: numberRecord(run.metrics),
    keyMetric: run.keyMetricName && run.keyMetricValue !== null ? { name: run.keyMetricName, value: run.keyMetricValue } : null,
    outputs: objectRecord(run.outputs),
    attempt: run.attempt,
    clonedFrom: run.clonedFromId,
    createdBy: run.createdBy?.email ?? null,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationSeconds: run.startedAt && end ? Math.max(0, Math.round((end.getTime() - run.startedAt.getTime()) / 1000)) : null,
  };
}
