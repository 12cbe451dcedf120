// One piece of work at a time on a dataset's working copy in this process: an upload must not swap the
// folder a validation is reading, and a cache copy must not read a folder being re-synced.

const globalForLocks = globalThis as typeof globalThis & { __ocrConsoleDatasetLocks?: Map<string, Promise<void>> };

function locks(): Map<string, Promise<void>> {
  return (globalForLocks.__ocrConsoleDatasetLocks ??= new Map());
}

export function isDatasetLocked(datasetId: string): boolean {
  return locks().has(datasetId);
}

/** Waits its turn (calling onWait once if it has to), then runs `work` holding the dataset. */
export async function withDatasetLock<T>(datasetId: string, work: () => Promise<T>, options: { onWait?: () => void; signal?: AbortSignal } = {}): Promise<T> {
  const table = locks();
  while (table.has(datasetId)) {
    options.onWait?.();
    options.onWait = undefined;
    await table.get(datasetId);
    options.signal?.throwIfAborted();
  }
  let release!: () => void;
  table.set(datasetId, new Promise<void>((resolve) => (release = resolve)));
  try {
    return await work();
  } finally {
    table.delete(datasetId);
    release();
  }
}
