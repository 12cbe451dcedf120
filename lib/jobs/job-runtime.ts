// The jobs this process runs, kept on globalThis because Next.js may load this module once per server
// bundle while there is one process: a cancel from a route handler must reach the work started by an action.

interface LocalJob {
  controller: AbortController;
  /** Settles when the job's row has its final state. */
  done: Promise<void>;
}

interface QueuedJob {
  id: string;
  /** Runs the job to its final state; never rejects. */
  run: () => Promise<void>;
}

interface JobRuntime {
  jobs: Map<string, LocalJob>;
  queue: QueuedJob[];
  active: number;
}

const globalForJobs = globalThis as typeof globalThis & { __ocrConsoleJobs?: JobRuntime };

function runtime(): JobRuntime {
  return (globalForJobs.__ocrConsoleJobs ??= { jobs: new Map(), queue: [], active: 0 });
}

/**
 * Jobs hash, copy and decode images: CPU- and disk-bound work. The machine the console runs on often
 * has 2 cores, so only a few run at once and the rest wait their turn (state queued).
 */
export function maxConcurrentJobs(): number {
  const configured = Number(process.env.CONSOLE_MAX_JOBS);
  return Number.isInteger(configured) && configured > 0 ? configured : 2;
}

export function registerLocalJob(id: string, job: LocalJob): void {
  runtime().jobs.set(id, job);
}

export function forgetLocalJob(id: string): void {
  runtime().jobs.delete(id);
}

export function localJob(id: string): LocalJob | undefined {
  return runtime().jobs.get(id);
}

export function localJobIds(): string[] {
  return [...runtime().jobs.keys()];
}

/** Starts the job now if a slot is free, else queues it. */
export function schedule(job: QueuedJob): "started" | "queued" {
  const state = runtime();
  if (state.active < maxConcurrentJobs()) {
    startInSlot(job);
    return "started";
  }
  state.queue.push(job);
  return "queued";
}

/** Takes a queued job out of the line and lets it settle (it sees its cancelled signal) without a slot. */
export function dequeue(id: string): boolean {
  const state = runtime();
  const index = state.queue.findIndex((job) => job.id === id);
  if (index < 0) return false;
  const [job] = state.queue.splice(index, 1);
  void job!.run();
  return true;
}

export function queuePosition(id: string): number {
  return runtime().queue.findIndex((job) => job.id === id);
}

function startInSlot(job: QueuedJob): void {
  const state = runtime();
  state.active++;
  void job.run().finally(() => {
    state.active--;
    const next = state.queue.shift();
    if (next) startInSlot(next);
  });
}
