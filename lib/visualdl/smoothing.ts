/**
 * Scalar-chart smoothing as VisualDL's frontend does it (frontend/packages/core/src/resource/scalar/data.ts,
 * same as TensorBoard): an exponential moving average started at 0 and divided by 1 - w^n to undo the
 * pull toward 0, where n counts the finite values so far. Non-finite values are passed through unsmoothed
 * (VisualDL draws them as gaps) and don't advance the average, so one NaN loss doesn't poison the rest
 * of the curve.
 */
export function smooth(values: readonly number[], weight: number): number[] {
  const w = clampSmoothingWeight(weight);
  const out = new Array<number>(values.length);
  let last = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * w + (1 - w) * v;
    n++;
    out[i] = w === 1 ? last : last / (1 - Math.pow(w, n));
  }
  return out;
}

/** VisualDL's `parseSmoothing`: weights outside [0, 1) fall back to its default 0.6; two decimals kept. */
export function clampSmoothingWeight(weight: number): number {
  if (!Number.isFinite(weight) || weight < 0 || weight >= 1) return 0.6;
  return Math.round(weight * 100) / 100;
}

export interface Point {
  x: number;
  y: number;
}

/**
 * Reduces a series for drawing: splits the x range into `buckets` equal spans and keeps, per span, its
 * first and last points and its lowest and highest y (at most 4 each, fewer when they coincide), in x
 * order. Spikes survive, unlike with striding or averaging. Points must be sorted by x (a step axis
 * is). A non-finite y is never picked as a min/max; it survives only as a bucket's first or last point.
 */
export function downsampleMinMax<P extends Point>(points: readonly P[], buckets: number): P[] {
  const n = points.length;
  if (buckets < 1 || n <= buckets * 4) return points.slice();
  const x0 = points[0]!.x;
  const span = points[n - 1]!.x - x0;
  const out: P[] = [];
  let start = 0;
  while (start < n) {
    // Bucket of the current point; the bucket ends at the first point whose bucket differs.
    const b = span > 0 ? Math.min(buckets - 1, Math.floor(((points[start]!.x - x0) / span) * buckets)) : 0;
    let end = start + 1;
    let minI = start;
    let maxI = start;
    let minY = Number.isFinite(points[start]!.y) ? points[start]!.y : Infinity;
    let maxY = Number.isFinite(points[start]!.y) ? points[start]!.y : -Infinity;
    for (; end < n; end++) {
      const p = points[end]!;
      const pb = span > 0 ? Math.min(buckets - 1, Math.floor(((p.x - x0) / span) * buckets)) : 0;
      if (pb !== b) break;
      if (p.y < minY) {
        minY = p.y;
        minI = end;
      }
      if (p.y > maxY) {
        maxY = p.y;
        maxI = end;
      }
    }
    const keep = [start, minI, maxI, end - 1].sort((a, c) => a - c);
    let prev = -1;
    for (const k of keep) {
      if (k !== prev) out.push(points[k]!);
      prev = k;
    }
    start = end;
  }
  return out;
}
