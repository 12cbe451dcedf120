import { apiVersionOf, KINDS, type Manifest } from "./manifests";
import { LABEL_DATASET, MANAGED_BY } from "./names";

// PaddleCloud's dataset cache, as its kfp dataset component uses it (pipeline/src/dataset.py): one
// SampleSet (`data-center`) backed by a cache engine, a `sync` SampleJob per dataset copying the
// source into `<sampleset>/<dataset>/`, then a `warmup` SampleJob loading it into the cache.

export function sampleSetManifest(input: { name: string; namespace: string; partitions: number; secretName: string }): Manifest {
  return {
    apiVersion: apiVersionOf(KINDS.sampleSet),
    kind: KINDS.sampleSet.kind,
    metadata: { name: input.name, namespace: input.namespace, labels: { ...MANAGED_BY } },
    spec: { partitions: input.partitions, noSync: true, secretRef: { name: input.secretName } },
  };
}

export type SampleJobType = "sync" | "warmup" | "rmr";

export function sampleJobManifest(input: {
  name: string;
  namespace: string;
  type: SampleJobType;
  sampleSetName: string;
  datasetId: string;
  folder: string;
  /** sync: the source as the cache engine reads it, and the Secret with its credentials. */
  source?: string;
  sourceSecret?: string;
}): Manifest {
  const spec: Record<string, unknown> = { type: input.type, sampleSetRef: { name: input.sampleSetName } };
  if (input.type === "sync") {
    spec.secretRef = { name: input.sourceSecret };
    spec.syncOptions = { source: input.source, destination: input.folder };
  } else if (input.type === "warmup") {
    spec.warmupOptions = { paths: [input.folder] };
  } else {
    spec.rmrOptions = { paths: [input.folder] };
  }
  return {
    apiVersion: apiVersionOf(KINDS.sampleJob),
    kind: KINDS.sampleJob.kind,
    metadata: { name: input.name, namespace: input.namespace, labels: { ...MANAGED_BY, [LABEL_DATASET]: input.datasetId } },
    spec,
  };
}

export interface SampleSetCache {
  phase: string | null;
  totalBytes: number;
  cachedBytes: number;
  diskAvailableBytes: number | null;
  totalFiles: number | null;
  runtimeReady: string | null;
  error: string | null;
}

export function sampleSetCache(set: Manifest | null): SampleSetCache {
  const status = (set?.status ?? {}) as {
    phase?: string;
    cacheStatus?: { totalSize?: string; cachedSize?: string; diskAvail?: string; totalFiles?: string; errorMassage?: string };
    runtimeStatus?: { runtimeReady?: string };
  };
  const cache = status.cacheStatus ?? {};
  return {
    phase: status.phase || null,
    totalBytes: parseSize(cache.totalSize) ?? 0,
    cachedBytes: parseSize(cache.cachedSize) ?? 0,
    diskAvailableBytes: parseSize(cache.diskAvail),
    totalFiles: cache.totalFiles !== undefined && /^\d+$/.test(cache.totalFiles) ? Number(cache.totalFiles) : null,
    runtimeReady: status.runtimeStatus?.runtimeReady ?? null,
    // (sic) the CRD's field is spelled errorMassage
    error: cache.errorMassage || null,
  };
}

const UNITS: Record<string, number> = { b: 1, k: 1e3, kb: 1e3, kib: 1024, m: 1e6, mb: 1e6, mib: 1024 ** 2, g: 1e9, gb: 1e9, gib: 1024 ** 3, t: 1e12, tb: 1e12, tib: 1024 ** 4 };

/** Sizes as the cache engine prints them: `389.86 MiB`, `1.2G`, `0 B`, `123456`. */
export function parseSize(text: string | undefined): number | null {
  if (!text) return null;
  const match = /^\s*([\d.]+)\s*([A-Za-z]*)\s*$/.exec(text);
  if (!match) return null;
  const unit = UNITS[(match[2] || "b").toLowerCase()];
  return unit === undefined ? null : Math.round(Number(match[1]) * unit);
}

export function sampleJobPhase(job: Manifest | null): string | null {
  return ((job?.status ?? {}) as { phase?: string }).phase || null;
}
