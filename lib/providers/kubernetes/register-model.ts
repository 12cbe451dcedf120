import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ConsoleError } from "@/lib/errors/console-error";
import { registerVersion, type RegisteredVersion } from "@/lib/registry/register-version";
import type { RegistryStore } from "@/lib/registry/registry-store";

// The last step of a run on Kubernetes: the model hub Job has put `<model>/<version>/<model>.tar.gz`
// into MinIO `model-center`; the console records that object as the model version, with the run's
// metrics and lineage. The run's record (team, creator, dataset, parsed metrics) is read from the
// database, since the cluster knows none of it.

export interface RegistryDeps {
  prisma: () => Promise<PrismaClient>;
  registryStore?: () => RegistryStore;
}

/**
 * The version number the upload will use: the next integer after the model's highest numbered
 * version. (The registry reserves again when registering; if someone took the number meanwhile,
 * the version gets the next free one and records the uploaded object where it is.)
 */
export async function nextModelVersion(deps: RegistryDeps, runId: string, modelName: string): Promise<string> {
  const prisma = await deps.prisma();
  const run = await prisma.trainingRun.findUnique({ where: { id: runId }, select: { teamId: true } });
  if (!run) throw new ConsoleError("not_found", `Run ${runId} is not in the console's database.`);
  const versions = await prisma.modelVersion.findMany({ where: { teamId: run.teamId, modelName }, select: { version: true } });
  const highest = versions.map((v) => (/^\d{1,15}$/.test(v.version) ? Number(v.version) : 0)).reduce((a, b) => Math.max(a, b), 0);
  return String(highest + 1);
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
    // The number was taken (or its folder is the upload itself): take the next free one, same object.
    if (error instanceof ConsoleError && error.code === "conflict") return registerVersion({ ...request, version: undefined }, registryDeps);
    throw error;
  }
}

function isPending(manifest: unknown): boolean {
  return Boolean((manifest as { pending?: unknown } | null)?.pending);
}
