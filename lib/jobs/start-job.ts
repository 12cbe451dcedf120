import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError } from "@/lib/errors/console-error";
import { forgetLocalJob, registerLocalJob, schedule } from "./job-runtime";

export interface StartJobInput {
  teamId: string;
  /** e.g. dataset.validate, dataset.cache, dataset.synthesize, model.register */
  kind: string;
  subjectType: string;
  subjectId: string;
  /** What the job was asked to do, kept with it. Never put secrets here. */
  input?: Prisma.InputJsonValue;
  createdById?: string | null;
}

export interface JobContext {
  jobId: string;
  /** Aborted when someone cancels the job; work should stop soon after and may just throw. */
  signal: AbortSignal;
  /** 0…1, with an optional line for the page ("Hashing 1,200 of 5,000 files"). Cheap to call often. */
  progress(fraction: number, message?: string): Promise<void>;
}

export type JobWork = (context: JobContext) => Promise<unknown>;

export interface JobOptions {
  /** The database to record the job in; the console's own when absent. */
  prisma?: PrismaClient;
}

/** Progress reaches the database at most this often; the page polls about once a second. */
const PROGRESS_WRITE_INTERVAL_MS = 400;
/** Running jobs touch heartbeatAt this often, so a stuck one can be told from a slow one. */
const HEARTBEAT_MS = 10_000;

/**
 * Runs `work` in the background of this process and returns the job's id at once. The Job row carries
 * the progress for pages to poll; the value `work` returns becomes the result, a throw the error, and a
 * cancel (cancelJob) aborts `context.signal` and ends the job as cancelled.
 */
export async function startJob(spec: StartJobInput, work: JobWork, options: JobOptions = {}): Promise<{ id: string }> {
  const db = options.prisma ?? (await openPrisma());
  const row = await db.job.create({
    data: {
      teamId: spec.teamId,
      kind: spec.kind,
      subjectType: spec.subjectType,
      subjectId: spec.subjectId,
      input: spec.input ?? {},
      createdById: spec.createdById ?? null,
      state: "queued",
      message: "Waiting to start",
    },
  });
  const controller = new AbortController();
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  registerLocalJob(row.id, { controller, done });
  const place = schedule({
    id: row.id,
    run: () =>
      runJob(db, row.id, work, controller).finally(() => {
        forgetLocalJob(row.id);
        settle();
      }),
  });
  if (place === "queued") {
    await db.job.updateMany({ where: { id: row.id, state: "queued" }, data: { message: "Waiting for other jobs to finish" } });
  }
  return { id: row.id };
}

async function runJob(db: PrismaClient, id: string, work: JobWork, controller: AbortController): Promise<void> {
  const { signal } = controller;
  if (signal.aborted) {
    await finish(db, id, { state: "cancelled", message: "Cancelled before it started" });
    return;
  }
  const now = new Date();
  await db.job.update({ where: { id }, data: { state: "running", startedAt: now, heartbeatAt: now, message: null } }).catch(logFailure(id));
  const reporter = progressReporter(db, id, controller);
  const heartbeat = setInterval(() => {
    void db.job.update({ where: { id }, data: { heartbeatAt: new Date() } }).catch(() => {});
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const result = await work({ jobId: id, signal, progress: reporter.report });
    await reporter.flush();
    await finish(db, id, {
      state: "succeeded",
      progress: 1,
      result: result === undefined || result === null ? Prisma.JsonNull : (JSON.parse(JSON.stringify(result)) as Prisma.InputJsonValue),
    });
  } catch (error) {
    await reporter.flush();
    if (signal.aborted) await finish(db, id, { state: "cancelled", message: "Cancelled" });
    else await finish(db, id, { state: "failed", error: describeError(error) });
  } finally {
    clearInterval(heartbeat);
  }
}

/** Only a job still active is settled: one already failed by a restart or cancelled stays as it is. */
async function finish(db: PrismaClient, id: string, data: Prisma.JobUpdateManyMutationInput): Promise<void> {
  await db.job
    .updateMany({ where: { id, state: { in: ["queued", "running"] } }, data: { ...data, finishedAt: new Date(), heartbeatAt: new Date() } })
    .catch(logFailure(id));
}

function progressReporter(db: PrismaClient, id: string, controller: AbortController) {
  let lastWrite = 0;
  let written: { progress: number; message: string | null } = { progress: 0, message: null };
  let latest = written;
  let writing: Promise<void> = Promise.resolve();
  let trailing: NodeJS.Timeout | null = null;

  const write = () => {
    if (trailing) clearTimeout(trailing);
    trailing = null;
    const value = latest;
    lastWrite = Date.now();
    written = value;
    writing = writing
      .then(async () => {
        const row = await db.job.update({ where: { id }, data: { ...value, heartbeatAt: new Date() }, select: { cancelRequested: true } });
        // A cancel requested by another process (or after a restart of this one) is seen here.
        if (row.cancelRequested) controller.abort();
      })
      .catch(logFailure(id));
    return writing;
  };

  return {
    /** Throttled with a trailing write: the newest progress and message always reach the row soon. */
    report(fraction: number, message?: string): Promise<void> {
      const progress = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
      latest = { progress, message: message === undefined ? latest.message : message };
      const wait = PROGRESS_WRITE_INTERVAL_MS - (Date.now() - lastWrite);
      if (wait <= 0) return write();
      trailing ??= setTimeout(() => void write(), wait);
      return Promise.resolve();
    },
    flush(): Promise<void> {
      if (trailing) clearTimeout(trailing);
      trailing = null;
      return latest !== written ? write() : writing;
    },
  };
}

function describeError(error: unknown): string {
  if (error instanceof ConsoleError) return error.message;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function logFailure(id: string) {
  return (error: unknown) => {
    console.error(`[ocr-console] job ${id}: could not record its state: ${error instanceof Error ? error.message : String(error)}`);
  };
}
