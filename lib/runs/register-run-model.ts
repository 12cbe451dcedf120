import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Prisma, PrismaClient, Target, TrainingRun } from "@/lib/generated/prisma/client";
import { actorLabel, type Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import type { RunOutputs } from "@/lib/providers/training";
import { registerVersion, type RegisterVersionInput } from "@/lib/registry/register-version";
import { findRun } from "./find-run";
import { registerRunModelSchema, type RegisteredModel } from "./run-contract";
import { isActive } from "./stop-runs";
import { runRefOf, trainingBackendFor } from "./training-backend";

/** Where the model files are: the exported inference model, else the checkpoints. */
function modelSource(outputs: RunOutputs, inferenceOnly: boolean): RegisterVersionInput["source"] | null {
  for (const uri of inferenceOnly ? [outputs.inferenceModelUri] : [outputs.inferenceModelUri, outputs.checkpointsUri]) {
    if (typeof uri !== "string" || !uri) continue;
    if (uri.startsWith("s3://")) return { kind: "object", uri };
    if (uri.startsWith("file://")) return { kind: "directory", path: fileURLToPath(uri) };
    if (path.isAbsolute(uri)) return { kind: "directory", path: uri };
  }
  return null;
}

function numbers(value: unknown): Record<string, number> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === "number" && Number.isFinite(entry[1])));
}

/**
 * Registers a finished run's outputs as a version of its model, with its metrics and lineage, and
 * notes the version on the run (outputs.modelVersion) and in its timeline. Used by the reconciler
 * when a run succeeds and by the "Register model" action.
 */
export async function registerRunOutputs(
  prisma: PrismaClient,
  run: TrainingRun & { target: Target },
  options: {
    actor: { id: string | null; label: string };
    modelName?: string;
    version?: string;
    notes?: string | null;
    /** Only an inference model, never bare checkpoints (automatic registration: a version must be servable). */
    inferenceOnly?: boolean;
  },
): Promise<RegisteredModel> {
  let outputs = (run.outputs ?? {}) as RunOutputs;
  try {
    outputs = { ...outputs, ...(await trainingBackendFor(run.target).outputs(runRefOf(run))) };
  } catch {
    // The backend may have cleaned up (pods gone); the outputs recorded when the run finished remain.
  }
  const source = modelSource(outputs, options.inferenceOnly ?? false);
  if (!source) {
    throw new ConsoleError(
      "conflict",
      options.inferenceOnly
        ? `Run ${run.name} left no inference model; register its checkpoints by hand if you want them as a version.`
        : `Run ${run.name} has no model outputs to register (no inference model or checkpoints recorded).`,
    );
  }
  const metrics = numbers(run.metrics);
  if (run.keyMetricName && run.keyMetricValue !== null) metrics[run.keyMetricName] = run.keyMetricValue;
  const registered = await registerVersion(
    {
      teamId: run.teamId,
      modelName: options.modelName ?? run.modelName,
      version: options.version,
      source,
      metrics,
      parameters: {
        run: run.name,
        target: run.target.name,
        configPath: run.configPath,
        configChanges: run.configChanges,
        pretrainedModel: run.pretrainedModel,
        image: run.image,
        resources: run.resources,
        targetOptions: run.targetOptions,
      },
      runId: run.id,
      datasetId: run.datasetId,
      datasetVersionId: run.datasetVersionId,
      notes: options.notes ?? null,
      actor: options.actor,
    },
    // An artifact in the target's own storage (SageMaker's S3) is read with the target's client.
    { prisma, sourceClient: source.kind === "object" ? trainingBackendFor(run.target).artifactClient?.() : undefined },
  );
  const modelVersion = { modelName: registered.modelName, version: registered.version, storageUri: registered.storageUri };
  await prisma.$transaction([
    prisma.trainingRun.update({ where: { id: run.id }, data: { outputs: { ...outputs, modelVersion } as Prisma.InputJsonValue } }),
    prisma.runEvent.create({
      data: { runId: run.id, state: run.state, phase: run.phase, reason: "ModelRegistered", message: `Registered as ${registered.modelName}:${registered.version} by ${options.actor.label}` },
    }),
  ]);
  return modelVersion;
}

/** Registers a finished run's outputs as a model version, with its metrics and lineage (input: registerRunModelSchema). */
export async function registerRunModel(prisma: PrismaClient, actor: Actor, idOrName: string, rawInput: unknown = {}): Promise<RegisteredModel> {
  const input = parseInput(registerRunModelSchema, rawInput ?? {});
  const found = await findRun(prisma, actor, idOrName);
  if (isActive(found.state)) throw new ConsoleError("conflict", `Run ${found.name} is still ${found.state}; register its model once it has finished.`);
  const run = await prisma.trainingRun.findUniqueOrThrow({ where: { id: found.id }, include: { target: true } });
  return registerRunOutputs(prisma, run, { actor: { id: actor.userId, label: actorLabel(actor) }, modelName: input.modelName, version: input.version, notes: input.notes });
}
