import type { DatasetCacheBackend, DatasetCacheSpec, DatasetCacheStatus } from "@/lib/providers/dataset-cache";
import type { KubernetesContext } from "./context";
import { KINDS, type Manifest } from "./manifests";
import { datasetFolder, LABEL_DATASET } from "./names";
import { DATA_CENTER } from "./paddle-job";
import { sampleJobManifest, sampleJobPhase, sampleSetCache, sampleSetManifest, type SampleJobType } from "./sample-set";

// Caching a dataset on the cluster: the SampleSet (created once, shared), a `sync` SampleJob from
// the dataset's source, then a `warmup`; training mounts the SampleSet at /mnt/data-center and reads
// `/mnt/data-center/<folder>/`. Source credentials stay in the Secret the target names.

function jobName(folder: string, type: SampleJobType): string {
  return `${folder}-${type}`;
}

/** The source as the cache engine (JuiceFS sync) addresses it: MinIO buckets through MinIO as the cluster sees it. */
export function clusterSourceUri(sourceUri: string, minioEndpoint: string): string {
  const minio = /^minio:\/\/([^/]+)\/?(.*)$/.exec(sourceUri);
  if (!minio) return sourceUri;
  const host = new URL(minioEndpoint).host;
  const prefix = minio[2] ? `${minio[2].replace(/\/+$/, "")}/` : "";
  return `minio://${host}/${minio[1]}/${prefix}`;
}

export function kubernetesDatasetCache(ctx: KubernetesContext): DatasetCacheBackend {
  const config = ctx.target.config;

  async function status(spec: DatasetCacheSpec): Promise<DatasetCacheStatus & { details: Record<string, unknown> }> {
    const objects = ctx.objects();
    const folder = datasetFolder(spec.name, spec.version);
    // Jobs first, then the SampleSet: the controller updates the set after a job ends, so the set read
    // last is never older than the job phases it is read with.
    const [sync, warmup] = await Promise.all([objects.get(KINDS.sampleJob, jobName(folder, "sync")), objects.get(KINDS.sampleJob, jobName(folder, "warmup"))]);
    const set = await objects.get(KINDS.sampleSet, config.sampleSetName);
    const cache = sampleSetCache(set);
    const syncPhase = sampleJobPhase(sync);
    const warmupPhase = sampleJobPhase(warmup);
    const details = {
      sampleSet: config.sampleSetName,
      sampleSetPhase: cache.phase,
      partitions: (set?.spec as { partitions?: number } | undefined)?.partitions ?? config.sampleSetPartitions,
      runtimeReady: cache.runtimeReady,
      syncJob: sync ? { name: sync.metadata.name, phase: syncPhase } : null,
      warmupJob: warmup ? { name: warmup.metadata.name, phase: warmupPhase } : null,
      cachedBytes: cache.cachedBytes,
      totalBytes: cache.totalBytes,
      diskAvailableBytes: cache.diskAvailableBytes,
      totalFiles: cache.totalFiles,
    };
    const base = {
      phase: cache.phase,
      bytesDone: cache.cachedBytes,
      bytesTotal: cache.totalBytes,
      location: `${DATA_CENTER}/${folder}`,
      details,
    };
    if (!set) return { ...base, state: "Pending", progress: 0, location: null, message: `SampleSet ${config.sampleSetName} does not exist yet.` };
    // A SyncFailed SampleSet speaks of the last sync; a new sync job under way is not failed.
    if (syncPhase === "Failed" || (cache.phase === "SyncFailed" && syncPhase === "Succeeded")) {
      return { ...base, state: "Failed", progress: 0, message: `Syncing ${spec.sourceUri} failed${cache.error ? `: ${cache.error}` : ""} (SampleJob ${jobName(folder, "sync")}).` };
    }
    if (warmupPhase === "Failed") return { ...base, state: "Failed", progress: 0.6, message: `Warming up the cache failed (SampleJob ${jobName(folder, "warmup")}).` };
    if (!sync) return { ...base, state: "Pending", progress: 0.05, message: `SampleSet ${config.sampleSetName} is ${cache.phase ?? "being created"}; the sync has not started.` };
    if (syncPhase !== "Succeeded") return { ...base, state: "Syncing", progress: 0.1 + (syncPhase === "Running" ? 0.2 : 0), message: `Syncing ${spec.sourceUri} (${syncPhase ?? "Pending"})` };
    if (warmupPhase !== "Succeeded") {
      const fraction = cache.totalBytes > 0 ? cache.cachedBytes / cache.totalBytes : 0;
      return { ...base, state: "Syncing", progress: 0.6 + 0.35 * fraction, message: `Warming up the cache (${warmupPhase ?? "Pending"})` };
    }
    if (cache.phase !== "Ready" && cache.phase !== "PartialReady") return { ...base, state: "Syncing", progress: 0.95, message: `SampleSet ${config.sampleSetName} is ${cache.phase ?? "not ready"}` };
    return { ...base, state: "Ready", progress: 1, message: cache.phase === "PartialReady" ? "Partly cached (PartialReady): some partitions are not ready." : null };
  }

  async function ensureJob(spec: DatasetCacheSpec, type: SampleJobType, signal?: AbortSignal): Promise<Manifest> {
    const objects = ctx.objects();
    const folder = datasetFolder(spec.name, spec.version);
    const manifest = sampleJobManifest({
      name: jobName(folder, type),
      namespace: ctx.namespace,
      type,
      sampleSetName: config.sampleSetName,
      datasetId: spec.datasetId,
      folder,
      ...(type === "sync" ? { source: clusterSourceUri(spec.sourceUri, config.minioEndpoint), sourceSecret: config.sourceSecret } : {}),
    });
    const existing = await objects.get(KINDS.sampleJob, manifest.metadata.name, signal);
    // A failed job is replaced: caching again means trying again.
    if (existing && sampleJobPhase(existing) === "Failed" && existing.metadata.labels?.[LABEL_DATASET] === spec.datasetId) {
      await objects.delete(KINDS.sampleJob, manifest.metadata.name, signal);
    } else if (existing) {
      return existing;
    }
    return (await objects.ensure(KINDS.sampleJob, manifest, (found) => found.metadata.labels?.[LABEL_DATASET] === spec.datasetId, signal)).object;
  }

  return {
    async cacheDataset(spec, { onProgress, signal } = {}) {
      const objects = ctx.objects();
      // The SampleSet is the namespace's shared cache: created when missing, adopted as it is otherwise.
      await objects.ensure(
        KINDS.sampleSet,
        sampleSetManifest({ name: config.sampleSetName, namespace: ctx.namespace, partitions: config.sampleSetPartitions, secretName: config.cacheSecret }),
        () => true,
        signal,
      );
      // ensureJob replaces a failed job, so caching again retries what failed.
      await ensureJob(spec, "sync", signal);
      if (sampleJobPhase(await objects.get(KINDS.sampleJob, jobName(datasetFolder(spec.name, spec.version), "warmup"), signal)) === "Failed") await ensureJob(spec, "warmup", signal);
      let current: DatasetCacheStatus & { details: Record<string, unknown> };
      for (;;) {
        current = await status(spec);
        onProgress?.(current);
        if (current.state === "Ready" || current.state === "Failed" || signal?.aborted) return current;
        if ((current.details.syncJob as { phase?: string } | null)?.phase === "Succeeded" && !current.details.warmupJob) await ensureJob(spec, "warmup", signal);
        await ctx.sleep(ctx.deps.pollIntervalMs ?? 2_000, signal);
      }
    },

    cacheStatus: (spec) => status(spec),

    async evictDataset(spec) {
      const objects = ctx.objects();
      const folder = datasetFolder(spec.name, spec.version);
      for (const type of ["sync", "warmup", "rmr"] as const) await objects.delete(KINDS.sampleJob, jobName(folder, type));
      // Removes the folder from the cache engine; the SampleSet stays for the other datasets.
      await ensureJob(spec, "rmr");
    },
  };
}
