import type { DatasetCache, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { getJob, latestJob, startJob, type JobContext } from "@/lib/jobs";
import { providerFor } from "@/lib/providers";
import type { DatasetCacheBackend, DatasetCacheSpec, DatasetCacheStatus } from "@/lib/providers/dataset-cache";
import { resolveTarget } from "@/lib/targets/resolve-target";
import { cacheDatasetSchema } from "@/lib/schemas/datasets";
import { isActiveJob, type JobView } from "@/lib/schemas/jobs";
import { openDatasetCredentials } from "./dataset-credentials";
import { parseDatasetSource, sampleSetOnlyMessage } from "./dataset-source";
import { findDatasetOrThrow } from "./find-dataset";
import { readManifest } from "./manifest";

export const CACHE_JOB_KIND = "dataset.cache";
export const CACHE_SUBJECT_TYPE = "dataset-cache";

/** Cache jobs are about one dataset on one target: that pair is their subject. */
export function cacheSubjectId(datasetId: string, targetId: string): string {
  return `${datasetId}:${targetId}`;
}

/**
 * Starts copying a dataset version where a target's training reads it (the local disk, a SampleSet, an
 * S3 channel), through the target's own `cacheDataset`, as a background job; the DatasetCache row
 * carries the per-target status the dataset page shows. Returns the job (or the one already running).
 */
export async function startDatasetCache(prisma: PrismaClient, actor: Actor, rawName: unknown, rawInput: unknown): Promise<JobView> {
  const input = parseInput(cacheDatasetSchema, rawInput);
  const dataset = await findDatasetOrThrow(prisma, actor, rawName);
  const target = await prisma.target.findUnique({ where: { teamId_name: { teamId: actor.teamId, name: input.target } } });
  if (!target) throw new ConsoleError("not_found", `There is no target named "${input.target}".`, { target: ["No such target"] });
  const backend = providerFor(resolveTarget(target)).datasets;
  if (!backend) throw new ConsoleError("unprocessable", `Target ${target.name} (${target.kind}) cannot cache datasets.`, { target: ["This target cannot cache datasets"] });
  const source = parseDatasetSource(dataset.sourceUri);
  if (source.kind === "sample-set-only" && target.kind !== "kubernetes") throw new ConsoleError("unprocessable", sampleSetOnlyMessage(source.scheme));

  const version = input.version
    ? await prisma.datasetVersion.findUnique({ where: { datasetId_version: { datasetId: dataset.id, version: input.version } } })
    : await prisma.datasetVersion.findFirst({ where: { datasetId: dataset.id }, orderBy: { version: "desc" } });
  if (!version) {
    throw new ConsoleError(
      input.version ? "not_found" : "conflict",
      input.version ? `Dataset ${dataset.name} has no version ${input.version}.` : `Validate dataset ${dataset.name} first: a cache holds a validated version, checked against its manifest.`,
    );
  }

  const subjectId = cacheSubjectId(dataset.id, target.id);
  const running = await latestJob({ subjectType: CACHE_SUBJECT_TYPE, subjectId, kind: CACHE_JOB_KIND }, { prisma });
  if (running && isActiveJob(running)) return running;

  await prisma.datasetCache.upsert({
    where: { datasetId_targetId: { datasetId: dataset.id, targetId: target.id } },
    create: { datasetId: dataset.id, targetId: target.id, datasetVersionId: version.id, state: "Pending", message: "Waiting to start" },
    update: { datasetVersionId: version.id, state: "Pending", phase: null, progress: 0, bytesDone: 0, bytesTotal: version.totalBytes, location: null, message: "Waiting to start" },
  });
  await auditBy(prisma, actor, {
    action: "dataset.cache",
    objectType: "dataset",
    objectId: dataset.id,
    details: { name: dataset.name, target: target.name, version: version.version },
  });
  const spec: Omit<DatasetCacheSpec, "files"> & { manifestKey: string | null } = {
    datasetId: dataset.id,
    name: dataset.name,
    version: version.version,
    sourceUri: dataset.sourceUri,
    credentials: null,
    manifestKey: version.manifestKey,
  };
  const { id } = await startJob(
    {
      teamId: actor.teamId,
      kind: CACHE_JOB_KIND,
      subjectType: CACHE_SUBJECT_TYPE,
      subjectId,
      input: { dataset: dataset.name, target: target.name, version: version.version },
      createdById: actor.userId,
    },
    (context) => cacheInBackground(prisma, backend, dataset.id, target.id, spec, context),
    { prisma },
  );
  return (await getJob(id, { prisma }))!;
}

async function cacheInBackground(
  prisma: PrismaClient,
  backend: DatasetCacheBackend,
  datasetId: string,
  targetId: string,
  { manifestKey, ...base }: Omit<DatasetCacheSpec, "files"> & { manifestKey: string | null },
  { signal, progress }: JobContext,
): Promise<DatasetCacheStatus> {
  const where = { datasetId_targetId: { datasetId, targetId } };
  const save = (status: Partial<DatasetCacheStatus>) =>
    prisma.datasetCache.update({ where, data: toRow(status) }).catch(() => undefined as unknown as DatasetCache);
  let lastSave = 0;
  try {
    await progress(0, "Reading the version's manifest");
    const dataset = await prisma.dataset.findUniqueOrThrow({ where: { id: datasetId } });
    const files = manifestKey ? (await readManifest(manifestKey)).files : null;
    const spec: DatasetCacheSpec = { ...base, credentials: openDatasetCredentials(dataset.credentialsCiphertext), files };
    await save({ state: "Syncing", message: "Starting" });
    const status = await backend.cacheDataset(spec, {
      signal,
      onProgress: (s) => {
        void progress(s.progress, s.message ?? s.phase ?? undefined);
        if (Date.now() - lastSave > 500) {
          lastSave = Date.now();
          void save(s);
        }
      },
    });
    await save(status);
    if (status.state === "Failed") throw new ConsoleError("unprocessable", status.message ?? "The target could not cache the dataset.");
    await progress(status.progress, status.state === "Ready" ? `Ready at ${status.location}` : (status.message ?? status.phase ?? status.state));
    return status;
  } catch (error) {
    if (signal.aborted) await save({ state: "Pending", phase: "Cancelled", message: "Cancelled; cache again to resume" });
    else if (!(error instanceof ConsoleError)) await save({ state: "Failed", phase: "Failed", message: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

function toRow(status: Partial<DatasetCacheStatus>): Prisma.DatasetCacheUpdateInput {
  return {
    ...(status.state ? { state: status.state } : {}),
    ...(status.phase !== undefined ? { phase: status.phase } : {}),
    ...(status.progress !== undefined ? { progress: status.progress } : {}),
    ...(status.bytesDone !== undefined ? { bytesDone: status.bytesDone } : {}),
    ...(status.bytesTotal !== undefined ? { bytesTotal: status.bytesTotal } : {}),
    ...(status.location !== undefined ? { location: status.location } : {}),
    ...(status.message !== undefined ? { message: status.message } : {}),
    ...(status.details ? { details: status.details as Prisma.InputJsonValue } : {}),
  };
}
