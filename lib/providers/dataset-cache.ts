/** A dataset version as a target's cache needs it. */
export interface DatasetCacheSpec {
  datasetId: string;
  name: string;
  version: number | null;
  sourceUri: string;
  /** Decrypted source credentials (never logged). */
  credentials: Record<string, string> | null;
  /** Files of the version's manifest (relative path, size, sha256), when validated. */
  files: Array<{ path: string; size: number; sha256?: string }> | null;
}

/** Pending → Syncing → Ready | Failed, plus the backend's own phase verbatim (SampleSet phase …). */
export interface DatasetCacheStatus {
  state: "Pending" | "Syncing" | "Ready" | "Failed";
  phase: string | null;
  progress: number;
  bytesDone: number;
  bytesTotal: number;
  /** Where training finds the data on this target (local path, `/mnt/data-center/<name>`, s3:// prefix). */
  location: string | null;
  message: string | null;
  details?: Record<string, unknown>;
}

export interface DatasetCacheBackend {
  /** Starts or resumes caching; idempotent. Reports progress while it works. */
  cacheDataset(spec: DatasetCacheSpec, options: { onProgress?: (status: DatasetCacheStatus) => void; signal?: AbortSignal }): Promise<DatasetCacheStatus>;
  cacheStatus(spec: DatasetCacheSpec): Promise<DatasetCacheStatus>;
  evictDataset?(spec: DatasetCacheSpec): Promise<void>;
}
