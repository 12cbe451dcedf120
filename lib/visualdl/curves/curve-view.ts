import { smooth } from "../smoothing";
import type { RunLogData, ScalarSeries } from "./run-log-data";

/** A chart's worth of one tag: reduced to about `maxPoints`, extremes kept, smoothing on the full series. */
export interface ScalarCurve {
  tag: string;
  /** `train`, `eval` … — the part before the first `/`, or "" for a tag without one. */
  group: string;
  /** [step, wall time ms, value, smoothed value] per kept point. */
  points: Array<[number, number, number, number]>;
  count: number;
  last: { step: number; value: number } | null;
  best: { step: number; value: number } | null;
  /** Which end is better: losses go down, accuracies up. */
  better: "lower" | "higher";
}

export interface CurvesView {
  lastDataAt: string | null;
  bytesRead: number;
  scalars: ScalarCurve[];
  images: Array<{ tag: string; steps: Array<{ step: number; timestampMs: number }> }>;
  texts: Array<{ tag: string; entries: Array<{ step: number; timestampMs: number; text: string }> }>;
  histograms: Array<{ tag: string; entries: Array<{ step: number; hist: number[]; binEdges: number[] }> }>;
}

const LOWER_IS_BETTER = /loss|cost|err|cer|wer|lr$|learning_rate|time|eta/i;

export function betterDirection(tag: string): "lower" | "higher" {
  return LOWER_IS_BETTER.test(tag) ? "lower" : "higher";
}

/** Indices of the points a min/max-per-bucket reduction keeps: first, last, lowest, highest per x bucket. */
export function minMaxIndices(xs: readonly number[], ys: readonly number[], buckets: number): number[] {
  const n = xs.length;
  if (n <= buckets * 4) return Array.from({ length: n }, (_, i) => i);
  const x0 = xs[0]!;
  const span = xs[n - 1]! - x0;
  const out: number[] = [];
  let i = 0;
  while (i < n) {
    const bucket = span > 0 ? Math.min(buckets - 1, Math.floor(((xs[i]! - x0) / span) * buckets)) : 0;
    let end = i + 1;
    let lo = i;
    let hi = i;
    while (end < n) {
      const b = span > 0 ? Math.min(buckets - 1, Math.floor(((xs[end]! - x0) / span) * buckets)) : 0;
      if (b !== bucket) break;
      if (ys[end]! < ys[lo]! || !Number.isFinite(ys[lo]!)) lo = end;
      if (ys[end]! > ys[hi]! || !Number.isFinite(ys[hi]!)) hi = end;
      end++;
    }
    const picked = [...new Set([i, lo, hi, end - 1])].sort((a, b) => a - b);
    out.push(...picked);
    i = end;
  }
  return out;
}

export function scalarCurve(series: ScalarSeries, { smoothing, maxPoints }: { smoothing: number; maxPoints: number }): ScalarCurve {
  const { steps, wallMs, values } = series;
  const smoothed = smooth(values, smoothing);
  const keep = minMaxIndices(steps, values, Math.max(1, Math.floor(maxPoints / 4)));
  const better = betterDirection(series.tag);
  let best: ScalarCurve["best"] = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (!best || (better === "lower" ? v < best.value : v > best.value)) best = { step: steps[i]!, value: v };
  }
  const lastIndex = values.length - 1;
  const slash = series.tag.indexOf("/");
  return {
    tag: series.tag,
    group: slash > 0 ? series.tag.slice(0, slash) : "",
    points: keep.map((i) => [steps[i]!, wallMs[i]!, values[i]!, smoothed[i]!]),
    count: values.length,
    last: lastIndex >= 0 ? { step: steps[lastIndex]!, value: values[lastIndex]! } : null,
    best,
    better,
  };
}

export function curvesView(data: RunLogData, options: { smoothing: number; maxPoints: number }): CurvesView {
  const byName = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    lastDataAt: data.lastDataAt?.toISOString() ?? null,
    bytesRead: data.bytesRead,
    scalars: byName(data.scalars).map(([, series]) => scalarCurve(series, options)),
    images: byName(data.images).map(([tag, list]) => ({ tag, steps: list.map(({ step, timestampMs }) => ({ step, timestampMs })) })),
    texts: byName(data.texts).map(([tag, list]) => ({ tag, entries: list.map(({ step, timestampMs, text }) => ({ step, timestampMs, text })) })),
    histograms: byName(data.histograms).map(([tag, list]) => ({ tag, entries: list.slice(-10).map(({ step, hist, binEdges }) => ({ step, hist, binEdges })) })),
  };
}

/** The full series of one tag as CSV (VisualDL's download has the same columns). */
export function seriesCsv(series: ScalarSeries): string {
  const rows = ["wall_time,step,value"];
  for (let i = 0; i < series.steps.length; i++) rows.push(`${series.wallMs[i]! / 1000},${series.steps[i]},${series.values[i]}`);
  return rows.join("\n") + "\n";
}
