import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ConsoleError } from "@/lib/errors/console-error";
import { registerVersion, type RegisteredVersion } from "@/lib/registry/register-version";
import { registryStore, type RegistryStore } from "@/lib/registry/registry-store";
import { nextFreeVersion } from "@/lib/registry/reserve-version";

// The last step of a run on Kubernetes: the model hub Job has put `<model>/<version>/<model>.tar.gz`
// into MinIO `model-center`; the console records that object as the model version, with the run's
// metrics and lineage. The run's record (team, creator, dataset, parsed metrics) is read from the
// database, since the cluster knows none of it.

export interface RegistryDeps {
  prisma: () => Promise<PrismaClient>;
  registryStore?: () => RegistryStore;
}

/**
 * The version number the upload will use: the next one after the model's highest recorded version
 * whose folder in the bucket is still empty, so the model hub Job never writes into a folder another
 * tool filled. The registry adopts `<model>/<N>/` as version N when the run registers it.
 */
export async function nextModelVersion(deps: RegistryDeps, runId: string, modelName: string): Promise<string> {
  const prisma = await deps.prisma();
  const run = await prisma.trainingRun.findUnique({ where: { id: runId }, select: { teamId: true } });
  if (!run) throw new ConsoleError("not_found", `Run ${runId} is not in the console's database.`);
  return nextFreeVersion(prisma, deps.registryStore?.() ?? registryStore(), run.teamId, modelName);
}

export async function registerRunModelObject(
  deps: RegistryDeps,
  input: { runId: string; modelName: string; version: string; uri: string; targetName: string },
): Promise<RegisteredVersion> {
  const prisma = await deps.prisma();
  // Idempotent: a console restarted after registering, or a watch and a status call racing, find it done.
  const existing = await prisma.modelVersion.findFirst({ where: { runId: input.runId, modelName: input.modelName }, orderBy: { createdAt: "asc" } });
  if (existing && !isPending(existing.manifest)) return { modelName: existing.modelName, version: existing.version, storageUri: existing.storageUri };
  const run = await prisma.trainingRun.findUnique({ where: { id: input.runId } });
  if (!run) throw new ConsoleError("not_found", `Run ${input.runId} is not in the console's database.`);
  const metrics = Object.fromEntries(Object.entries((run.metrics ?? {}) as Record<string, unknown>).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
  const request = {
    teamId: run.teamId,
    modelName: input.modelName,
    version: input.version,
    source: { kind: "object" as const, uri: input.uri },
    metrics,
    parameters: { configPath: run.configPath, configChanges: run.configChanges, image: run.image, target: input.targetName, attempt: run.attempt },
    runId: run.id,
    datasetId: run.datasetId,
    datasetVersionId: run.datasetVersionId,
    actor: { id: run.createdById, label: `run ${run.name} on ${input.targetName}` },
  };
  const registryDeps = { prisma, ...(deps.registryStore ? { store: deps.registryStore() } : {}) };
  try {
    return await registerVersion(request, registryDeps);
  } catch (error) {
    // Usually a watch and a status poll racing: the other one registered it.
    if (error instanceof ConsoleError && error.code === "conflict") {
      const done = await prisma.modelVersion.findFirst({ where: { runId: input.runId, modelName: input.modelName } });
      if (done && !isPending(done.manifest)) return { modelName: done.modelName, version: done.version, storageUri: done.storageUri };
    }
    throw error;
  }
}

function isPending(manifest: unknown): boolean {
  return Boolean((manifest as { pending?: unknown } | null)?.pending);
}
