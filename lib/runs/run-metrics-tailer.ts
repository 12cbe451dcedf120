import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { RunRef, TrainingBackend } from "@/lib/providers/training";
import { PaddleOcrMetricsTracker, type MetricPoint } from "./log-metrics";

const FLUSH_POINTS = 500;
const FLUSH_MS = 1000;

/**
 * Follows one run's log from its first line and turns PaddleOCR's lines into RunMetric rows and the
 * run's summary (metrics, key metric). Reading from the start after a restart is safe: points are
 * unique per (run, name, step, source), so the ones already stored are skipped.
 */
export class RunMetricsTailer {
  private readonly tracker = new PaddleOcrMetricsTracker();
  private pending: MetricPoint[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private lastError: unknown = null;
  /** Resolves when the log ends (the run finished) or the tailer is stopped; never rejects. */
  readonly done: Promise<void>;
  finished = false;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly runId: string,
    backend: TrainingBackend,
    ref: RunRef,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref?.();
    this.done = this.follow(backend, ref);
  }

  get error(): unknown {
    return this.lastError;
  }

  private async follow(backend: TrainingBackend, ref: RunRef): Promise<void> {
    try {
      for await (const line of backend.logs(ref, { follow: true, signal: this.abort.signal })) {
        const points = this.tracker.add(line.text, line.at);
        if (points.length === 0) continue;
        this.pending.push(...points);
        if (this.pending.length >= FLUSH_POINTS) await this.flush();
      }
    } catch (error) {
      if (!this.abort.signal.aborted) this.lastError = error;
    } finally {
      clearInterval(this.timer);
      await this.flush().catch((error: unknown) => {
        this.lastError = error;
      });
      this.finished = true;
    }
  }

  /** Writes what was parsed so far; flushes run one after another. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write()).catch((error: unknown) => {
      this.lastError = error;
    });
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.pending.length === 0) return;
    const points = this.pending;
    this.pending = [];
    const now = new Date();
    await this.prisma.runMetric.createMany({
      data: points.map((point) => ({ runId: this.runId, name: point.name, step: point.step, epoch: point.epoch, value: point.value, at: point.at ?? now, source: "log" })),
      skipDuplicates: true,
    });
    const run = await this.prisma.trainingRun.findUnique({ where: { id: this.runId }, select: { metrics: true } });
    if (!run) return; // deleted meanwhile
    const key = this.tracker.keyMetric;
    await this.prisma.trainingRun.update({
      where: { id: this.runId },
      data: {
        metrics: { ...((run.metrics ?? {}) as Record<string, unknown>), ...this.tracker.latest } as Prisma.InputJsonValue,
        ...(key ? { keyMetricName: key.name, keyMetricValue: key.value } : {}),
      },
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}
