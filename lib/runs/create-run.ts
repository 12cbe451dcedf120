import { findRun } from "./find-run";
import type { Prisma, PrismaClient, Target } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError, isUniqueViolation } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import type { RenderedRequest, RunLaunchSpec, TrainingBackend } from "@/lib/providers/training";
import { createRunSchema, type CreateRun, type RunView } from "@/lib/schemas/runs";
import { runInput } from "./clone-run";
import { checkTaskMatchesConfig, pinDataset, type PinnedDataset } from "./run-dataset";
import { defaultRunName, withSuffix } from "./run-names";
import { runOptionsSchemaFor } from "./run-options-schema";
import { RUN_INCLUDE, toRunView } from "./run-view";
import { trainingBackendFor } from "./training-backend";

interface PreparedRun {
  input: CreateRun;
  target: Target;
  training: TrainingBackend;
  options: { resources: Record<string, unknown>; targetOptions: Record<string, unknown> };
  dataset: PinnedDataset | null;
}

/** Everything checked before a run exists: target, its own options, the dataset version. */
async function prepareRun(prisma: PrismaClient, teamId: string, input: CreateRun): Promise<PreparedRun> {
  const target = await prisma.target.findUnique({ where: { teamId_name: { teamId, name: input.target } } });
  if (!target) throw new ConsoleError("not_found", `No target named "${input.target}".`, { target: ["Unknown target"] });
  const training = trainingBackendFor(target);
  const options = parseInput(runOptionsSchemaFor(target.kind), { resources: input.resources, targetOptions: input.targetOptions });
  const dataset = input.dataset ? await pinDataset(prisma, teamId, target, input.dataset, input.datasetVersion) : null;
  if (dataset) checkTaskMatchesConfig(dataset.spec.task, input.configPath);
  return { input, target, training, options, dataset };
}

function launchSpec(run: { id: string; name: string; attempt: number }, prepared: PreparedRun): RunLaunchSpec {
  const { input, options, dataset } = prepared;
  return {
    runId: run.id,
    name: run.name,
    attempt: run.attempt,
    modelName: input.modelName,
    configPath: input.configPath,
    configChanges: input.configChanges,
    pretrainedModel: input.pretrainedModel,
    image: input.image,
    resources: options.resources,
    targetOptions: options.targetOptions,
    dataset: dataset?.spec ?? null,
  };
}

/** Exactly what createRun would send to the target for this input, without launching ("View request"). */
export async function renderRun(prisma: PrismaClient, actor: Actor, rawInput: unknown): Promise<RenderedRequest> {
  const prepared = await prepareRun(prisma, actor.teamId, parseInput(createRunSchema, rawInput));
  const name = prepared.input.name ?? defaultRunName(prepared.input.modelName);
  return prepared.training.render(launchSpec({ id: "", name, attempt: 1 }, prepared));
}

/** Records a run (Queued), launches it through the target's training backend (Starting) and returns it. Input: CreateRunInput. */
export async function createRun(prisma: PrismaClient, actor: Actor, rawInput: unknown): Promise<RunView> {
  const input = parseInput(createRunSchema, rawInput);
  // A source run deleted meanwhile must not cost the user the run they configured: no lineage then.
  const clonedFromId = input.clonedFrom ? ((await findRun(prisma, actor, input.clonedFrom).catch(() => null))?.id ?? null) : null;
  return launchNewRun(prisma, actor, input, { attempt: 1, clonedFromId });
}

/**
 * Shared by create and retry. A target that cannot train refuses before anything is recorded; a
 * launch that fails afterwards leaves a Failed run with the backend's reason, never a silent gap.
 */
export async function launchNewRun(
  prisma: PrismaClient,
  actor: Actor,
  input: CreateRun,
  lineage: { attempt: number; clonedFromId: string | null; preferredName?: string },
): Promise<RunView> {
  const prepared = await prepareRun(prisma, actor.teamId, input);
  const readiness = await prepared.training.readiness();
  if (!readiness.ok) throw new ConsoleError("conflict", `Target "${prepared.target.name}" cannot train: ${readiness.message}`, { target: [readiness.message] });
  // Rendering first checks what the backend would refuse (a config that does not exist …) before a row exists.
  const wanted = input.name ?? lineage.preferredName ?? defaultRunName(input.modelName);
  await prepared.training.render(launchSpec({ id: "", name: wanted, attempt: lineage.attempt }, prepared));

  const run = await insertRun(prisma, actor, prepared, wanted, !input.name, lineage);
  await launchRecordedRun(prisma, run, prepared);
  return toRunView(await prisma.trainingRun.findUniqueOrThrow({ where: { id: run.id }, include: RUN_INCLUDE }));
}

/**
 * Sends a recorded Queued run to its target: Queued → Starting with the exact request, or Failed with
 * the backend's reason. Launches are idempotent, so the reconciler may call this again for a run whose
 * launch a console restart interrupted.
 */
async function launchRecordedRun(prisma: PrismaClient, run: { id: string; name: string; attempt: number }, prepared: PreparedRun): Promise<void> {
  const spec = launchSpec(run, prepared);
  try {
    const rendered = await prepared.training.render(spec);
    const launched = await prepared.training.launch(spec);
    const request = { language: rendered.language, text: rendered.text, body: launched.request ?? rendered.body } as Prisma.InputJsonValue;
    const stoppedMeanwhile = await prisma.$transaction(async (tx) => {
      const moved = await tx.trainingRun.updateMany({ where: { id: run.id, state: "Queued" }, data: { externalId: launched.externalId, request, state: "Starting", phase: "Launched" } });
      if (moved.count === 0) {
        await tx.trainingRun.update({ where: { id: run.id }, data: { externalId: launched.externalId, request } });
        return true;
      }
      await tx.runEvent.create({ data: { runId: run.id, state: "Starting", phase: "Launched", reason: "Launched", message: `Sent to ${prepared.target.name} (${launched.externalId})` } });
      return false;
    });
    // A stop that came in while launching wins: what was just launched is stopped too.
    if (stoppedMeanwhile) await prepared.training.stop({ runId: run.id, name: run.name, attempt: run.attempt, externalId: launched.externalId, request: launched.request });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await prisma.$transaction([
      prisma.trainingRun.update({ where: { id: run.id }, data: { state: "Failed", failureReason: `Launch failed: ${message}`, finishedAt: new Date() } }),
      prisma.runEvent.create({ data: { runId: run.id, state: "Failed", reason: "LaunchFailed", message } }),
    ]);
  }
}

/** The reconciler's retry of a launch a restart interrupted (a Queued run with no external id). */
export async function relaunchQueuedRun(prisma: PrismaClient, runId: string): Promise<void> {
  const run = await prisma.trainingRun.findUniqueOrThrow({ where: { id: runId }, include: RUN_INCLUDE });
  let prepared: PreparedRun;
  try {
    prepared = await prepareRun(prisma, run.teamId, runInput(run));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await prisma.$transaction([
      prisma.trainingRun.update({ where: { id: run.id }, data: { state: "Failed", failureReason: `Launch failed: ${message}`, finishedAt: new Date() } }),
      prisma.runEvent.create({ data: { runId: run.id, state: "Failed", reason: "LaunchFailed", message } }),
    ]);
    return;
  }
  await launchRecordedRun(prisma, run, prepared);
}

async function insertRun(
  prisma: PrismaClient,
  actor: Actor,
  prepared: PreparedRun,
  wanted: string,
  generated: boolean,
  lineage: { attempt: number; clonedFromId: string | null },
) {
  const { input, target, options, dataset } = prepared;
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? wanted : withSuffix(wanted, n);
    try {
      return await prisma.$transaction(async (tx) => {
        const run = await tx.trainingRun.create({
          data: {
            teamId: actor.teamId,
            name,
            targetId: target.id,
            datasetId: dataset?.datasetId ?? null,
            datasetVersionId: dataset?.datasetVersionId ?? null,
            modelName: input.modelName,
            configPath: input.configPath,
            configChanges: input.configChanges,
            pretrainedModel: input.pretrainedModel,
            image: input.image,
            resources: options.resources as Prisma.InputJsonValue,
            targetOptions: options.targetOptions as Prisma.InputJsonValue,
            state: "Queued",
            attempt: lineage.attempt,
            clonedFromId: lineage.clonedFromId,
            createdById: actor.userId,
          },
        });
        await tx.runEvent.create({ data: { runId: run.id, state: "Queued", reason: "Created", message: `Created by ${actor.email}` } });
        await auditBy(tx, actor, {
          action: lineage.clonedFromId && lineage.attempt > 1 ? "run.retry" : "run.create",
          objectType: "run",
          objectId: run.id,
          details: { name, target: target.name, model: input.modelName, dataset: input.dataset, datasetVersion: dataset?.spec.version ?? null, clonedFrom: lineage.clonedFromId },
        });
        return run;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (!generated || n >= 20) throw new ConsoleError("conflict", `A run named "${name}" already exists.`, { name: ["This name is taken"] });
    }
  }
}
