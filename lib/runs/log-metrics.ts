// PaddleOCR's training log lines (tools/program.py, ppocr/utils/logging.py) turned into metrics.
// Formats, as PaddleOCR prints them:
//   [2024/01/01 12:00:00] ppocr INFO: epoch: [1/500], global_step: 10, lr: 0.001000, loss: 2.345000, loss_shrink_maps: 1.2, …, avg_reader_cost: 0.01 s, avg_batch_cost: 0.5 s, avg_samples: 8.0, ips: 16.0 samples/s, eta: 1:02:03
//   [… ] ppocr INFO: cur metric, precision: 0.8, recall: 0.7, hmean: 0.75, fps: 20.1
//   [… ] ppocr INFO: best metric, hmean: 0.75, is_float16: False, precision: 0.8, recall: 0.7, fps: 20.1, best_epoch: 3
// Older releases print `iter: 10` instead of `global_step`, `reader_cost`/`batch_cost`/`samples`,
// and quote stat names (`'loss': 2.3`); numpy 2 may print `np.float64(0.8)`. All are accepted.
// Series names follow PaddleOCR's own VisualDL tags (TRAIN/loss, EVAL/hmean, EVAL/best_hmean) so
// curves from logs and from VisualDL records line up.

export interface PaddleOcrLogMetrics {
  kind: "train" | "eval" | "best";
  /** The line's `[YYYY/MM/DD HH:MM:SS]` prefix, read as this machine's local time; null without one. */
  at: Date | null;
  epoch: number | null;
  epochs: number | null;
  /** `global_step` (or `iter` in older releases); eval and best lines carry none. */
  step: number | null;
  /** Numeric values of the line by PaddleOCR's own names (loss, lr, hmean, acc, best_epoch …). */
  values: Record<string, number>;
}

const PREFIX = /^\s*\[(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})\]\s+\S+\s+[A-Z]+:\s*/;
const TRAIN = /^epoch: \[(\d+)\/(\d+)\],\s*(?:global_step|iter): (\d+)(?:,\s*(.*))?$/;
const PAIR = /(['"]?)([A-Za-z_][\w.\-]*)\1: ([^,]*)/g;
const NUMBER = /^(?:np\.\w+\()?\s*(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/;

/** Throughput, timing and ETA fields of a train line: not training metrics, and not in VisualDL. */
const TRAIN_NOISE = new Set(["reader_cost", "batch_cost", "samples", "avg_reader_cost", "avg_batch_cost", "avg_samples", "ips", "eta"]);
/** Bookkeeping in the best-metric dict that is not a metric. */
const BEST_NOISE = new Set(["start_epoch", "global_step", "epoch"]);

function parsePairs(text: string): Record<string, number> {
  const values: Record<string, number> = {};
  for (const match of text.matchAll(PAIR)) {
    const number = NUMBER.exec(match[3]!.trim());
    if (!number) continue; // True/False, lists, durations like eta 0:01:02 …
    const value = Number(number[1]);
    if (Number.isFinite(value)) values[match[2]!] = value;
  }
  return values;
}

/** Metrics in one PaddleOCR log line, or null when the line holds none. */
export function parsePaddleOcrLogLine(line: string): PaddleOcrLogMetrics | null {
  let message = line.replace(/\r$/, "");
  let at: Date | null = null;
  const prefix = PREFIX.exec(message);
  if (prefix) {
    const [, y, mo, d, h, mi, s] = prefix.map(Number) as number[];
    at = new Date(y!, mo! - 1, d!, h!, mi!, s!);
    message = message.slice(prefix[0].length);
  }
  message = message.trim();

  const train = TRAIN.exec(message);
  if (train) {
    const values = parsePairs(train[4] ?? "");
    for (const key of Object.keys(values)) if (TRAIN_NOISE.has(key)) delete values[key];
    return { kind: "train", at, epoch: Number(train[1]), epochs: Number(train[2]), step: Number(train[3]), values };
  }
  for (const [head, kind] of [["cur metric,", "eval"], ["best metric,", "best"]] as const) {
    if (!message.startsWith(head)) continue;
    const values = parsePairs(message.slice(head.length));
    if (kind === "best") for (const key of BEST_NOISE) delete values[key];
    if (Object.keys(values).length === 0) return null;
    return { kind, at, epoch: null, epochs: null, step: null, values };
  }
  return null;
}

export interface MetricPoint {
  /** `TRAIN/loss`, `EVAL/hmean`, `EVAL/best_hmean` … */
  name: string;
  step: number;
  epoch: number | null;
  value: number;
  at: Date | null;
}

/** Which eval value is the run's headline: PaddleOCR's `main_indicator` (hmean for det, acc for rec/cls). */
function guessMainIndicator(values: Record<string, number>): string | null {
  for (const name of ["hmean", "acc", "exp_rate", "f1"]) if (name in values) return name;
  return Object.keys(values).find((name) => name !== "fps") ?? null;
}

/**
 * Follows one run's log from its first line: eval and best lines carry no step, so they take the step
 * of the train line before them, as PaddleOCR's VisualDL records do. Keeps the latest value of every
 * metric and the key metric (best of the main indicator) for the run's summary.
 */
export class PaddleOcrMetricsTracker {
  private step = 0;
  private epoch: number | null = null;
  private main: string | null = null;
  readonly latest: Record<string, number> = {};

  /** The points of one line (none for most lines). `at` overrides the line's own time (e.g. a pod log timestamp). */
  add(line: string, at?: Date | null): MetricPoint[] {
    const parsed = parsePaddleOcrLogLine(line);
    if (!parsed) return [];
    const when = at ?? parsed.at;
    const points: MetricPoint[] = [];
    const point = (name: string, value: number) => {
      points.push({ name, step: this.step, epoch: this.epoch, value, at: when });
      this.latest[name] = value;
    };
    if (parsed.kind === "train") {
      this.step = parsed.step ?? this.step;
      this.epoch = parsed.epoch;
      this.latest.epoch = parsed.epoch ?? 0;
      this.latest.epochs = parsed.epochs ?? 0;
      this.latest.global_step = this.step;
      for (const [name, value] of Object.entries(parsed.values)) point(`TRAIN/${name}`, value);
    } else if (parsed.kind === "eval") {
      this.main ??= guessMainIndicator(parsed.values);
      for (const [name, value] of Object.entries(parsed.values)) point(`EVAL/${name}`, value);
    } else {
      // PaddleOCR starts the best dict with its main indicator, so the first name is the one.
      const names = Object.keys(parsed.values).filter((name) => name !== "best_epoch");
      this.main = names[0] ?? this.main;
      for (const [name, value] of Object.entries(parsed.values)) this.latest[name.startsWith("best_") ? name : `best_${name}`] = value;
      if (this.main && this.main in parsed.values) point(`EVAL/best_${this.main}`, parsed.values[this.main]!);
    }
    return points;
  }

  /** The run's headline metric: the best value of the main indicator, else its latest eval value. */
  get keyMetric(): { name: string; value: number } | null {
    if (!this.main) return null;
    const value = this.latest[`best_${this.main}`] ?? this.latest[`EVAL/${this.main}`];
    return value === undefined ? null : { name: this.main, value };
  }
}
