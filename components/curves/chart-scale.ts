export type XAxisMode = "step" | "relative" | "wall";

/** [step, wall ms, value, smoothed] as the curves API sends them. */
export type CurvePoint = [number, number, number, number];

/** The x of a point on the chosen axis: step, seconds since the series' first point, or wall time ms. */
export function xOf(point: CurvePoint, mode: XAxisMode, startWallMs: number): number {
  if (mode === "step") return point[0];
  if (mode === "relative") return (point[1] - startWallMs) / 1000;
  return point[1];
}

export interface LinearScale {
  (value: number): number;
  domain: [number, number];
}

export function scale(domain: [number, number], range: [number, number], log = false): LinearScale {
  const t = (v: number) => (log ? Math.log10(Math.max(v, Number.MIN_VALUE)) : v);
  let [d0, d1] = [t(domain[0]), t(domain[1])];
  if (d0 === d1) {
    d0 -= 1;
    d1 += 1;
  }
  const f = ((v: number) => range[0] + ((t(v) - d0) / (d1 - d0)) * (range[1] - range[0])) as LinearScale;
  f.domain = domain;
  return f;
}

/** Round tick values (1, 2, 5 × 10^k) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  // Equal, or apart only in their last bits (a flat series and its smoothed copy): one tick.
  if (max - min <= Math.abs(max) * 1e-12) return [max];
  const raw = (max - min) / count;
  // The 1-2-5 step nearest to the raw step, as d3's ticks choose it.
  let step = 10 ** Math.floor(Math.log10(raw));
  const error = raw / step;
  if (error >= Math.sqrt(50)) step *= 10;
  else if (error >= Math.sqrt(10)) step *= 5;
  else if (error >= Math.sqrt(2)) step *= 2;
  // Counted in whole steps: adding a step smaller than the values' precision would never end.
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || last - first > 1000) return [min, max];
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** Powers of ten inside [min, max] for a log axis (min > 0). */
export function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    const v = 10 ** e;
    if (v >= min && v <= max) ticks.push(v);
  }
  return ticks.length ? ticks : [min, max];
}

export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(2);
  return Number(value.toPrecision(4)).toString();
}

export function formatX(value: number, mode: XAxisMode): string {
  if (mode === "step") return value >= 1e4 ? `${Number((value / 1000).toPrecision(3))}k` : String(Math.round(value));
  if (mode === "relative") {
    if (value < 120) return `${Math.round(value)}s`;
    if (value < 7200) return `${Math.round(value / 60)}m`;
    return `${Number((value / 3600).toPrecision(3))}h`;
  }
  return new Date(value).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** SVG path through points, breaking at non-finite values (VisualDL draws NaN as a gap). */
export function linePath(points: Array<[number, number]>): string {
  let d = "";
  let pen = false;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** Index of the point whose x is nearest to `x` in a series sorted by x. */
export function nearestIndex(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(xs[lo - 1]! - x) <= Math.abs(xs[lo]! - x)) return lo - 1;
  return lo;
}

export const SERIES_COLORS = ["#4f46e5", "#e11d48", "#059669", "#d97706", "#0891b2", "#7c3aed"];
