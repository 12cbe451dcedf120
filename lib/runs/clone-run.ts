import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { CreateRun, CreateRunInput } from "@/lib/schemas/runs";
import { findRun } from "./find-run";
import { stringList, type RunRow } from "./run-view";

/** A run's parameters as create input, the dataset pinned to the version it trained on. */
export function runInput(run: RunRow): CreateRun {
  return {
    target: run.target.name,
    dataset: run.dataset?.name ?? null,
    datasetVersion: run.dataset ? (run.datasetVersion?.version ?? null) : null,
    modelName: run.modelName,
    configPath: run.configPath,
    configChanges: stringList(run.configChanges),
    pretrainedModel: run.pretrainedModel,
    image: run.image,
    resources: (run.resources ?? {}) as Record<string, unknown>,
    targetOptions: (run.targetOptions ?? {}) as Record<string, unknown>,
    clonedFrom: run.id,
  };
}

/** The run's parameters as a new-run form input (no name: a new one is generated), to edit and launch. */
export async function cloneRun(prisma: PrismaClient, actor: Actor, idOrName: string): Promise<CreateRunInput> {
  return runInput(await findRun(prisma, actor, idOrName));
}
