// Changes to one endpoint's traffic or settings run one after another in this process: each reads
// what the endpoint serves, asks the backend for the next state, then records it, and two of them
// interleaving (a shift racing a promote) would record something the backend never got. The
// console runs its endpoint changes in one process, so an in-process queue per endpoint suffices.

const globalForLocks = globalThis as typeof globalThis & { __ocrConsoleEndpointLocks?: Map<string, Promise<unknown>> };
const queues = (globalForLocks.__ocrConsoleEndpointLocks ??= new Map());

export async function withEndpointLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = queues.get(key) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(work);
  const settled = mine.catch(() => undefined);
  queues.set(key, settled);
  try {
    return await mine;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}
