import { describe, expect, it } from "vitest";
import { clampSmoothingWeight, downsampleMinMax, smooth, type Point } from "./smoothing";

describe("smooth (VisualDL/TensorBoard debiased EMA)", () => {
  it("matches hand-computed values for weight 0.6", () => {
    // last: 0.4, 1.04, 1.824, 2.6944; debias: 0.4, 0.64, 0.784, 0.8704
    const s = smooth([1, 2, 3, 4], 0.6);
    expect(s[0]).toBeCloseTo(1, 12);
    expect(s[1]).toBeCloseTo(1.625, 12);
    expect(s[2]).toBeCloseTo(1.824 / 0.784, 12);
    expect(s[3]).toBeCloseTo(2.6944 / 0.8704, 12);
  });

  it("is the identity at weight 0 and keeps a constant series constant", () => {
    expect(smooth([3, -1, 7], 0)).toEqual([3, -1, 7]);
    for (const x of smooth([5, 5, 5, 5, 5], 0.99)) expect(x).toBeCloseTo(5, 10);
  });

  it("passes NaN/Inf through without letting them advance the average", () => {
    const s = smooth([1, Number.NaN, 2, Number.POSITIVE_INFINITY, 3], 0.6);
    const clean = smooth([1, 2, 3], 0.6);
    expect(s[1]).toBeNaN();
    expect(s[3]).toBe(Number.POSITIVE_INFINITY);
    expect([s[0], s[2], s[4]]).toEqual(clean);
  });

  it("falls back to VisualDL's default weight for out-of-range input", () => {
    expect(clampSmoothingWeight(1)).toBe(0.6);
    expect(clampSmoothingWeight(-0.1)).toBe(0.6);
    expect(clampSmoothingWeight(0.987)).toBe(0.99);
  });
});

describe("downsampleMinMax", () => {
  it("reduces 1,000,000 points to at most 8 per bucket, keeping the global extremes and the ends", () => {
    const n = 1_000_000;
    const points: Point[] = new Array(n);
    for (let i = 0; i < n; i++) points[i] = { x: i, y: Math.sin(i / 1000) + (i % 7) * 0.01 };
    points[123_457] = { x: 123_457, y: 50 }; // spikes a stride/average would lose
    points[876_543] = { x: 876_543, y: -50 };
    const buckets = 1000;
    const out = downsampleMinMax(points, buckets);
    expect(out.length).toBeLessThanOrEqual(2 * 4 * buckets);
    expect(out.length).toBeGreaterThan(buckets);
    expect(out).toContain(points[123_457]);
    expect(out).toContain(points[876_543]);
    expect(out[0]).toBe(points[0]);
    expect(out.at(-1)).toBe(points[n - 1]);
    for (let i = 1; i < out.length; i++) expect(out[i]!.x).toBeGreaterThan(out[i - 1]!.x);
  });

  it("returns short series unchanged", () => {
    const pts = [{ x: 0, y: 1 }, { x: 1, y: 2 }];
    expect(downsampleMinMax(pts, 10)).toEqual(pts);
  });
});
