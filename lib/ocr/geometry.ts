// Plane geometry the DB post-processing needs, in place of OpenCV's convexHull / minAreaRect.

export type Point = [number, number];
/** Four corners; after ordering: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];

function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Andrew's monotone chain; collinear points dropped. */
export function convexHull(points: readonly Point[]): Point[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length <= 2) return pts;
  const lower: Point[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

export interface RotatedRect {
  corners: Quad;
  /** Length along the rectangle's first axis. */
  width: number;
  height: number;
}

/**
 * Minimum-area enclosing rectangle by rotating calipers: the optimum has one side collinear with
 * a hull edge, so trying each edge direction is exact.
 */
export function minAreaRect(points: readonly Point[]): RotatedRect {
  const hull = convexHull(points);
  if (hull.length === 0) return { corners: [[0, 0], [0, 0], [0, 0], [0, 0]], width: 0, height: 0 };
  if (hull.length === 1) {
    const p = hull[0]!;
    return { corners: [[...p], [...p], [...p], [...p]], width: 0, height: 0 };
  }
  let best = { area: Infinity, ux: 1, uy: 0, minU: 0, maxU: 0, minV: 0, maxV: 0 };
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i]!;
    const b = hull[(i + 1) % hull.length]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len === 0) continue;
    const ux = (b[0] - a[0]) / len;
    const uy = (b[1] - a[1]) / len;
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
    for (const p of hull) {
      const u = p[0] * ux + p[1] * uy;
      const v = -p[0] * uy + p[1] * ux;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < best.area - 1e-9) best = { area, ux, uy, minU, maxU, minV, maxV };
  }
  const { ux, uy, minU, maxU, minV, maxV } = best;
  const at = (u: number, v: number): Point => [u * ux - v * uy, u * uy + v * ux];
  return {
    corners: [at(minU, minV), at(maxU, minV), at(maxU, maxV), at(minU, maxV)],
    width: maxU - minU,
    height: maxV - minV,
  };
}

/**
 * PaddleOCR's get_mini_boxes: the min-area rectangle with its corners ordered top-left,
 * top-right, bottom-right, bottom-left (by x, then y within each pair), plus its short side.
 */
export function miniBox(points: readonly Point[]): { box: Quad; shortSide: number } {
  const rect = minAreaRect(points);
  return { box: orderRectCorners(rect.corners), shortSide: Math.min(rect.width, rect.height) };
}

function orderRectCorners(corners: Quad): Quad {
  const p = [...corners].sort((a, b) => a[0] - b[0]);
  const [p0, p1, p2, p3] = p as Quad;
  const [tl, bl] = p1[1] > p0[1] ? [p0, p1] : [p1, p0];
  const [tr, br] = p3[1] > p2[1] ? [p2, p3] : [p3, p2];
  return [tl, tr, br, bl];
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/**
 * DB's "unclip" for a rectangle: PaddleOCR offsets the polygon outwards by
 * area × ratio / perimeter with round joins (pyclipper) and takes the min-area rectangle of the
 * result. For a rectangle that rectangle is exactly the input grown by the offset on every side
 * (the rounded corners stay inside it), so no general polygon offsetting is needed.
 */
export function unclipRect(box: Quad, ratio: number): { box: Quad; shortSide: number } {
  const [tl, tr, , bl] = box;
  const w = distance(tl, tr);
  const h = distance(tl, bl);
  if (w === 0 || h === 0) return { box, shortSide: 0 };
  const d = (w * h * ratio) / (2 * (w + h));
  const ux = (tr[0] - tl[0]) / w, uy = (tr[1] - tl[1]) / w;
  const vx = (bl[0] - tl[0]) / h, vy = (bl[1] - tl[1]) / h;
  const grow = (p: Point, su: number, sv: number): Point => [p[0] + d * (su * ux + sv * vx), p[1] + d * (su * uy + sv * vy)];
  const grown: Quad = [grow(box[0], -1, -1), grow(box[1], 1, -1), grow(box[2], 1, 1), grow(box[3], -1, 1)];
  return { box: orderRectCorners(grown), shortSide: Math.min(w, h) + 2 * d };
}
