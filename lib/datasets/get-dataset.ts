import type { Dataset, DatasetCache, DatasetVersion, PrismaClient, Target } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { latestJob } from "@/lib/jobs";
import { providerFor } from "@/lib/providers";
import type { DatasetCacheBackend } from "@/lib/providers/dataset-cache";
import { resolveTarget } from "@/lib/targets/resolve-target";
import { DATASET_CACHE_STATES, type DatasetCacheView, type DatasetDetail } from "@/lib/schemas/datasets";
import { isActiveJob } from "@/lib/schemas/jobs";
import { CACHE_JOB_KIND, CACHE_SUBJECT_TYPE, cacheSubjectId } from "./cache-dataset";
import { openDatasetCredentials } from "./dataset-credentials";
import { emailsOf, toDatasetVersionDetail } from "./dataset-version-view";
import { toDatasetView } from "./dataset-view";
import { findDatasetOrThrow } from "./find-dataset";
import { listDatasetVersions } from "./list-dataset-versions";
import { settledStatus } from "./record-dataset-version";
import { VALIDATE_JOB_KIND } from "./start-dataset-validation";

/**
 * One dataset as its page and `GET /api/v1/datasets/{name}` show it: its registration, the newest
 * version with its full validation report, the first page of versions, the validation job, and its
 * cache on each of the team's targets.
 */
export async function getDataset(prisma: PrismaClient, actor: Actor, rawName: unknown): Promise<DatasetDetail> {
  const dataset = await findDatasetOrThrow(prisma, actor, rawName);
  const [newest, versions, validation, targets, caches] = await Promise.all([
    prisma.datasetVersion.findFirst({ where: { datasetId: dataset.id }, orderBy: { version: "desc" } }),
    listDatasetVersions(prisma, actor, dataset.name, { limit: 20 }),
    latestJob({ subjectType: "dataset", subjectId: dataset.id, kind: VALIDATE_JOB_KIND }, { prisma }),
    prisma.target.findMany({ where: { teamId: actor.teamId }, orderBy: { createdAt: "asc" } }),
    prisma.datasetCache.findMany({ where: { datasetId: dataset.id }, include: { datasetVersion: { select: { version: true } } } }),
  ]);
  const view = toDatasetView(dataset);
  // The stored status says "validating" only while a job runs; one cut short by a restart falls back.
  if (validation && isActiveJob(validation)) view.status = "validating";
  else if (view.status === "validating") view.status = await settledStatus(prisma, dataset.id);

  const cacheByTarget = new Map(caches.map((c) => [c.targetId, c]));
  const cacheViews = await Promise.all(
    targets
      .sort((a, b) => Number(b.kind === "local") - Number(a.kind === "local"))
      .map((target) => cacheView(prisma, dataset, target, cacheByTarget.get(target.id) ?? null)),
  );
  return {
    ...view,
    latestVersion: newest ? toDatasetVersionDetail(newest, await emailsOf(prisma, [newest])) : null,
    versions: versions.items,
    versionsNextCursor: versions.nextCursor,
    validation,
    caches: cacheViews,
  };
}

type CacheState = (typeof DATASET_CACHE_STATES)[number];

/** The page waits this long for a target to say how its cache is doing. */
const STATUS_TIMEOUT_MS = 3_000;

async function cacheView(
  prisma: PrismaClient,
  dataset: Dataset,
  target: Target,
  cache: (DatasetCache & { datasetVersion: Pick<DatasetVersion, "version"> | null }) | null,
): Promise<DatasetCacheView> {
  let backend: DatasetCacheBackend | undefined;
  try {
    backend = providerFor(resolveTarget(target)).datasets;
  } catch {
    // A target whose settings no longer parse cannot cache; its own page says why.
  }
  const job = await latestJob({ subjectType: CACHE_SUBJECT_TYPE, subjectId: cacheSubjectId(dataset.id, target.id), kind: CACHE_JOB_KIND }, { prisma });
  const jobRunning = job !== null && isActiveJob(job);
  let row = cache;
  if (row && backend && !jobRunning && (row.state === "Pending" || row.state === "Syncing") && target.kind !== "local") {
    row = await refreshFromBackend(prisma, backend, dataset, row);
  }
  let state: CacheState = row && (DATASET_CACHE_STATES as readonly string[]).includes(row.state) ? (row.state as CacheState) : "Pending";
  let message = row?.message ?? null;
  // A local copy left "Syncing" by a job that no longer runs (console restart) is resumable, not running.
  if (row && state === "Syncing" && !jobRunning && target.kind === "local") {
    state = "Pending";
    message = "Interrupted; cache again to resume";
  }
  return {
    target: { name: target.name, kind: target.kind },
    supported: Boolean(backend),
    cache: row
      ? {
          state,
          phase: row.phase,
          version: row.datasetVersion?.version ?? null,
          progress: row.progress,
          bytesDone: row.bytesDone,
          bytesTotal: row.bytesTotal,
          location: row.location,
          message,
          updatedAt: row.updatedAt.toISOString(),
        }
      : null,
    job,
  };
}

/**
 * Remote caches (a SampleSet syncing on a cluster) keep working after the job that started them ends;
 * their status is asked of the backend when the page is shown, briefly, and written back.
 */
async function refreshFromBackend<Row extends DatasetCache & { datasetVersion: Pick<DatasetVersion, "version"> | null }>(
  prisma: PrismaClient,
  backend: DatasetCacheBackend,
  dataset: Dataset,
  row: Row,
): Promise<Row> {
  try {
    const status = await Promise.race([
      backend.cacheStatus({
        datasetId: dataset.id,
        name: dataset.name,
        version: row.datasetVersion?.version ?? null,
        sourceUri: dataset.sourceUri,
        credentials: openDatasetCredentials(dataset.credentialsCiphertext),
        files: null,
      }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), STATUS_TIMEOUT_MS).unref()),
    ]);
    const updated = await prisma.datasetCache.update({
      where: { id: row.id },
      data: {
        state: status.state,
        phase: status.phase,
        progress: status.progress,
        bytesDone: status.bytesDone,
        bytesTotal: status.bytesTotal,
        location: status.location,
        message: status.message,
      },
    });
    return { ...row, ...updated };
  } catch {
    return row;
  }
}
