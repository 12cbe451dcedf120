import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RunObservation, RunRef, TrainingBackend } from "@/lib/providers/training";
import { ACTIVE_RUN_STATES } from "@/lib/schemas/runs";
import { applyObservation, isTerminal, recordedState, type ReconciledRun } from "./apply-observation";
import { relaunchQueuedRun } from "./create-run";
import { postgresLeadership, prismaLeadership, type Leadership } from "./reconciler-leader";
import { registerRunOutputs } from "./register-run-model";
import { RunMetricsTailer } from "./run-metrics-tailer";
import { runRefOf, trainingBackendFor } from "./training-backend";

// Desired state in the database, actual state in the backends, this loop between them. Every tick
// (about 2 s) the leader looks at every active run: it asks the backend (status(), or a watch that
// pushes changes), records transitions as RunEvents, follows the logs into metrics, delivers stop
// requests, and finishes runs (outputs, final metrics, the model registered on success). After a
// console restart the first tick re-attaches to everything still active: nothing is kept only in memory.

export interface ReconcilerOptions {
  /** Pause between ticks (default 2 s). */
  pollIntervalMs?: number;
  /** Backends with `watch` are still polled this often as a safety net (default 30 s). */
  watchedPollIntervalMs?: number;
  /** A Queued run with no external id older than this had its launch interrupted; launch it again (default 60 s). */
  relaunchAfterMs?: number;
  /** Register a succeeded run's outputs as a model version (default true). */
  autoRegister?: boolean;
  /** How long finishing a run waits for its log to be read to the end (default 15 s). */
  finalMetricsTimeoutMs?: number;
  log?: (message: string) => void;
}

interface Watch {
  abort: AbortController;
  refs: RunRef[];
  done: Promise<void>;
}

/** What the reconciler keeps between ticks; only a cache of the database and the backends. */
class ReconcilerRuntime {
  readonly tailers = new Map<string, RunMetricsTailer>();
  readonly tailerRetryAt = new Map<string, number>();
  readonly watches = new Map<string, Watch>();
  readonly lastPolled = new Map<string, number>();
  readonly queues = new Map<string, Promise<unknown>>();
  readonly warned = new Set<string>();
  private readonly said = new Map<string, string>();

  /** Logs a message about a run once, not on every tick it stays true. */
  sayOnce(log: (message: string) => void, key: string, text: string): void {
    if (this.said.get(key) === text) return;
    this.said.set(key, text);
    log(text);
  }

  /** Runs the work for one run after the previous work for it, so a watch and a poll never interleave. */
  serialize<T>(runId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(runId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(() => undefined, () => undefined);
    this.queues.set(runId, settled);
    void settled.then(() => {
      if (this.queues.get(runId) === settled) this.queues.delete(runId);
    });
    return next;
  }

  async stopAll(): Promise<void> {
    for (const watch of this.watches.values()) watch.abort.abort();
    await Promise.all([...this.tailers.values()].map((tailer) => tailer.stop()));
    await Promise.all([...this.watches.values()].map((watch) => watch.done.catch(() => {})));
    this.tailers.clear();
    this.watches.clear();
  }
}

const globalForReconciler = globalThis as typeof globalThis & {
  __ocrConsoleReconcilerRuntime?: ReconcilerRuntime;
  __ocrConsoleReconciler?: Reconciler;
};
const defaultRuntime = () => (globalForReconciler.__ocrConsoleReconcilerRuntime ??= new ReconcilerRuntime());

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref?.())]);
}

/** One pass over every active run: observe, record transitions and metrics, honour stop requests. */
export async function reconcileOnce(prisma: PrismaClient, options: ReconcilerOptions = {}, runtime: ReconcilerRuntime = defaultRuntime()): Promise<void> {
  const log = options.log ?? (() => {});
  const runs = await prisma.trainingRun.findMany({ where: { state: { in: [...ACTIVE_RUN_STATES] } }, include: { target: true } });
  const active = new Set(runs.map((run) => run.id));

  // Tailers of runs that are no longer active (finished elsewhere, deleted) are let go.
  for (const [runId, tailer] of runtime.tailers) {
    if (!active.has(runId)) {
      runtime.tailers.delete(runId);
      void tailer.stop();
    }
  }

  const backends = new Map<string, TrainingBackend | null>();
  const backendOf = (run: ReconciledRun): TrainingBackend | null => {
    if (!backends.has(run.targetId)) {
      try {
        backends.set(run.targetId, trainingBackendFor(run.target));
      } catch (error) {
        if (!runtime.warned.has(run.targetId)) log(`reconciler: target ${run.target.name} cannot be reconciled: ${message(error)}`);
        runtime.warned.add(run.targetId);
        backends.set(run.targetId, null);
      }
    }
    return backends.get(run.targetId) ?? null;
  };

  for (const run of runs) {
    const backend = backendOf(run);
    if (backend?.watch && run.externalId) ensureWatch(prisma, runtime, run, runs, backend, options);
  }

  const now = Date.now();
  const work = runs.map((run) => async () => {
    const backend = backendOf(run);
    if (!backend) return;
    if (!run.externalId) {
      await settleUnlaunched(prisma, run, now, options, log);
      return;
    }
    const watched = runtime.watches.has(run.targetId);
    const last = runtime.lastPolled.get(run.id) ?? 0;
    if (watched && now - last < (options.watchedPollIntervalMs ?? 30_000)) {
      ensureTailer(prisma, runtime, run, backend, now);
      return;
    }
    runtime.lastPolled.set(run.id, now);
    await runtime.serialize(run.id, () => reconcileRun(prisma, runtime, run.id, backend, null, options));
  });
  await runLimited(work, 8);
  for (const runId of runtime.lastPolled.keys()) if (!active.has(runId)) runtime.lastPolled.delete(runId);
}

async function runLimited(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) await tasks[next++]!();
    }),
  );
}

/** A run with no external id: stopped before launch, or a launch a restart interrupted. */
async function settleUnlaunched(prisma: PrismaClient, run: ReconciledRun, now: number, options: ReconcilerOptions, log: (m: string) => void): Promise<void> {
  if (run.desiredState === "stopped") {
    const stopped = await prisma.trainingRun.updateMany({ where: { id: run.id, externalId: null, state: run.state }, data: { state: "Stopped", finishedAt: new Date() } });
    if (stopped.count) await prisma.runEvent.create({ data: { runId: run.id, state: "Stopped", reason: "StoppedBeforeLaunch", message: "Stopped before it was launched" } });
    return;
  }
  if (run.state === "Queued" && now - run.createdAt.getTime() > (options.relaunchAfterMs ?? 60_000)) {
    log(`reconciler: launching run ${run.name} again (its launch was interrupted)`);
    await relaunchQueuedRun(prisma, run.id);
  }
}

/** Observes one run (or takes a pushed observation) and records what changed. */
async function reconcileRun(
  prisma: PrismaClient,
  runtime: ReconcilerRuntime,
  runId: string,
  backend: TrainingBackend,
  pushed: RunObservation | null,
  options: ReconcilerOptions,
): Promise<void> {
  const log = options.log ?? (() => {});
  // Re-read: a stop request or another observation may have changed it since the tick began.
  let run = await prisma.trainingRun.findUnique({ where: { id: runId }, include: { target: true } });
  if (!run || isTerminal(run.state)) return;
  const ref = runRefOf(run);

  if (run.desiredState === "stopped" && run.state !== "Stopping") {
    try {
      await backend.stop(ref);
      run = await prisma.trainingRun.update({ where: { id: run.id }, data: { state: "Stopping" }, include: { target: true } });
      await prisma.runEvent.create({ data: { runId: run.id, state: "Stopping", phase: run.phase, reason: "StopRequested", message: "Stop delivered to the target" } });
    } catch (error) {
      runtime.sayOnce(log, `${run.id}:stop`, `reconciler: stop of run ${run.name} not delivered yet: ${message(error)}`);
    }
  }

  let observation: RunObservation;
  try {
    observation = pushed ?? (await backend.status(ref));
  } catch (error) {
    // A backend that does not answer is not a failed run; the next tick asks again.
    runtime.sayOnce(log, `${run.id}:status`, `reconciler: status of run ${run.name} unavailable: ${message(error)}`);
    return;
  }
  // A run that ends is recorded complete: its log read to the end and its outputs known first, so
  // whoever sees Succeeded also sees the final metrics.
  if (isTerminal(recordedState(run, observation.state))) {
    await drainMetrics(prisma, runtime, run, backend, options);
    try {
      observation = { ...observation, outputs: { ...observation.outputs, ...(await backend.outputs(ref)) } };
    } catch (error) {
      log(`reconciler: outputs of run ${run.name} unavailable: ${message(error)}`);
    }
    run = await prisma.trainingRun.findUniqueOrThrow({ where: { id: run.id }, include: { target: true } });
    run = await applyObservation(prisma, run, observation);
    if (isTerminal(run.state)) await registerOnSuccess(prisma, run, options);
    return;
  }
  run = await applyObservation(prisma, run, observation);
  ensureTailer(prisma, runtime, run, backend, Date.now());
}

function ensureTailer(prisma: PrismaClient, runtime: ReconcilerRuntime, run: ReconciledRun, backend: TrainingBackend, now: number): void {
  const existing = runtime.tailers.get(run.id);
  if (existing && !existing.finished) return;
  if (existing) {
    // The log ended or broke while the run is still active (a pod restarted …): follow it again, not too often.
    runtime.tailers.delete(run.id);
    runtime.tailerRetryAt.set(run.id, now + 5000);
  }
  if ((runtime.tailerRetryAt.get(run.id) ?? 0) > now) return;
  runtime.tailers.set(run.id, new RunMetricsTailer(prisma, run.id, backend, runRefOf(run)));
}

/** Reads the log of a run that just ended to its end (the follower's, or a fresh read) into metrics. */
async function drainMetrics(prisma: PrismaClient, runtime: ReconcilerRuntime, run: ReconciledRun, backend: TrainingBackend, options: ReconcilerOptions): Promise<void> {
  const timeout = options.finalMetricsTimeoutMs ?? 15_000;
  let tailer = runtime.tailers.get(run.id);
  // A run that ended before any follower read it (short runs, restarts) is read once to its end now.
  if (!tailer || (tailer.finished && tailer.error)) tailer = new RunMetricsTailer(prisma, run.id, backend, runRefOf(run));
  if ((await withTimeout(tailer.done, timeout)) === undefined && !tailer.finished) {
    options.log?.(`reconciler: the log of run ${run.name} did not end within ${timeout} ms after it finished; metrics may be incomplete`);
    await tailer.stop();
  }
  runtime.tailers.delete(run.id);
  runtime.tailerRetryAt.delete(run.id);
}

/** A succeeded run's model becomes a version of its model name, once. */
async function registerOnSuccess(prisma: PrismaClient, run: ReconciledRun, options: ReconcilerOptions): Promise<void> {
  if (run.state !== "Succeeded" || options.autoRegister === false) return;
  if ((run.outputs as { modelVersion?: unknown } | null)?.modelVersion) return;
  // Some targets register the model themselves (PaddleCloud's model hub step); one version per run.
  const existing = await prisma.modelVersion.findFirst({ where: { runId: run.id }, orderBy: { createdAt: "asc" } });
  if (existing) {
    const modelVersion = { modelName: existing.modelName, version: existing.version, storageUri: existing.storageUri };
    await prisma.trainingRun.update({ where: { id: run.id }, data: { outputs: { ...((run.outputs ?? {}) as Record<string, unknown>), modelVersion } } });
    return;
  }
  try {
    const registered = await registerRunOutputs(prisma, run, { actor: { id: run.createdById, label: `run ${run.name} (automatic on success)` }, inferenceOnly: true });
    options.log?.(`reconciler: run ${run.name} registered as ${registered.modelName}:${registered.version}`);
  } catch (error) {
    await prisma.runEvent.create({
      data: { runId: run.id, state: run.state, phase: run.phase, reason: "ModelNotRegistered", message: `The model was not registered automatically: ${message(error)}` },
    });
  }
}

/** One watch per target with `watch`, fed the target's active runs; restarted on the next tick if it ends. */
function ensureWatch(prisma: PrismaClient, runtime: ReconcilerRuntime, run: ReconciledRun, runs: ReconciledRun[], backend: TrainingBackend, options: ReconcilerOptions): void {
  const refs = runs.filter((r) => r.targetId === run.targetId && r.externalId).map(runRefOf);
  const existing = runtime.watches.get(run.targetId);
  if (existing) {
    existing.refs = refs;
    return;
  }
  const abort = new AbortController();
  const watch: Watch = { abort, refs, done: Promise.resolve() };
  watch.done = backend
    .watch!(
      () => watch.refs,
      (ref, observation) => {
        void runtime.serialize(ref.runId, () => reconcileRun(prisma, runtime, ref.runId, backend, observation, options)).catch((error: unknown) => {
          options.log?.(`reconciler: observation of run ${ref.name} not recorded: ${message(error)}`);
        });
      },
      abort.signal,
    )
    .catch((error: unknown) => options.log?.(`reconciler: watch on ${run.target.name} ended: ${message(error)}`))
    .finally(() => {
      if (runtime.watches.get(run.targetId) === watch) runtime.watches.delete(run.targetId);
    });
  runtime.watches.set(run.targetId, watch);
}

export interface Reconciler {
  stop(): Promise<void>;
}

/**
 * Starts the loop once per process (started from lib/bootstrap/prepare-console.ts). Only the leader
 * reconciles; the others keep trying to take the lock, so one takes over when the leader goes.
 */
export function startReconciler(db: { prisma: PrismaClient; kind: "pglite" | "postgresql" }, options: ReconcilerOptions & { databaseUrl?: string | null } = {}): Reconciler {
  if (globalForReconciler.__ocrConsoleReconciler) return globalForReconciler.__ocrConsoleReconciler;
  const log = options.log ?? (() => {});
  const leadership: Leadership = db.kind === "postgresql" && options.databaseUrl ? postgresLeadership(options.databaseUrl, log) : prismaLeadership(db.prisma);
  const runtime = defaultRuntime();
  let stopped = false;
  let wake: () => void = () => {};
  let leading = false;

  const loop = (async () => {
    while (!stopped) {
      try {
        const lead = await leadership.acquire();
        if (lead !== leading) log(lead ? "reconciler: leading (re-attaching to active runs)" : "reconciler: another console process leads");
        leading = lead;
        if (lead) await reconcileOnce(db.prisma, options, runtime);
      } catch (error) {
        log(`reconciler: tick failed: ${message(error)}`);
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, options.pollIntervalMs ?? 2000).unref?.();
      });
    }
  })();

  const reconciler: Reconciler = {
    async stop() {
      stopped = true;
      wake();
      await loop;
      await runtime.stopAll();
      await leadership.release();
      if (globalForReconciler.__ocrConsoleReconciler === reconciler) globalForReconciler.__ocrConsoleReconciler = undefined;
    },
  };
  globalForReconciler.__ocrConsoleReconciler = reconciler;
  return reconciler;
}

/** Lets go of every log follower and watch of the default runtime (tests, shutdown). */
export async function stopReconcilerWork(): Promise<void> {
  await defaultRuntime().stopAll();
}
