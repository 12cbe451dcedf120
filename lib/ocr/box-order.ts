import type { Point, Quad } from "./geometry";

// Reading order as PaddleOCR's sorted_boxes, and corner order as its order_points_clockwise.

/** Lines whose first corners differ by less than this many pixels vertically share a row. */
export const SAME_LINE_Y_TOLERANCE = 10;

/**
 * Corners clockwise (in image coordinates, y down) starting at the top-left one. Sorting by angle
 * around the centroid stays correct for boxes rotated near 45°, where the sum/difference trick of
 * PaddleOCR's order_points_clockwise can pick the same corner twice.
 */
export function orderClockwise(points: readonly Point[]): Quad {
  if (points.length !== 4) throw new Error(`A quad needs 4 points, got ${points.length}`);
  const cx = (points[0]![0] + points[1]![0] + points[2]![0] + points[3]![0]) / 4;
  const cy = (points[0]![1] + points[1]![1] + points[2]![1] + points[3]![1]) / 4;
  const byAngle = [...points].sort((a, b) => Math.atan2(a[1] - cy, a[0] - cx) - Math.atan2(b[1] - cy, b[0] - cx));
  let start = 0;
  for (let i = 1; i < 4; i++) {
    const p = byAngle[i]!;
    const s = byAngle[start]!;
    const key = p[0] + p[1] - (s[0] + s[1]);
    if (key < -1e-9 || (Math.abs(key) <= 1e-9 && p[1] < s[1])) start = i;
  }
  return [0, 1, 2, 3].map((k) => [...byAngle[(start + k) % 4]!] as Point) as Quad;
}

/**
 * Top-to-bottom, then left-to-right within a row: sort by the top-left corner's (y, x), then
 * bubble a box leftwards past its predecessors while they are on the same row but further right.
 */
export function sortBoxes<T>(items: readonly T[], quadOf: (item: T) => Quad): T[] {
  const out = [...items].sort((a, b) => {
    const pa = quadOf(a)[0];
    const pb = quadOf(b)[0];
    return pa[1] - pb[1] || pa[0] - pb[0];
  });
  for (let i = 0; i < out.length - 1; i++) {
    for (let j = i; j >= 0; j--) {
      const cur = quadOf(out[j]!)[0];
      const next = quadOf(out[j + 1]!)[0];
      if (Math.abs(next[1] - cur[1]) < SAME_LINE_Y_TOLERANCE && next[0] < cur[0]) {
        [out[j], out[j + 1]] = [out[j + 1]!, out[j]!];
      } else {
        break;
      }
    }
  }
  return out;
}
