import { orderClockwise } from "./box-order";
import { distance, miniBox, unclipRect, type Point, type Quad } from "./geometry";

// PaddleOCR's DBPostProcess (ppocr/postprocess/db_postprocess.py, quad boxes, "fast" score)
// followed by predict_det's filter_tag_det_res — connected components replace cv2.findContours.

export interface DbOptions {
  thresh: number;
  boxThresh: number;
  unclipRatio: number;
  maxCandidates: number;
  /** Candidates whose short side (in map pixels) is below this are noise. */
  minSize: number;
}

export const DEFAULT_DB_OPTIONS: Readonly<DbOptions> = Object.freeze({
  thresh: 0.3,
  boxThresh: 0.6,
  unclipRatio: 1.5,
  maxCandidates: 1000,
  minSize: 3,
});

export interface ProbabilityMap {
  data: Float32Array;
  width: number;
  height: number;
}

export interface DetectedBox {
  /** Corners in original-image pixels, clockwise from top-left. */
  box: Quad;
  /** Mean text probability inside the (pre-unclip) box. */
  score: number;
}

/**
 * Each 8-connected component of the thresholded map, as the end points of its horizontal runs —
 * enough for the convex hull, which is all minAreaRect looks at. 8-connectivity matches the
 * border following of cv2.findContours, so diagonal touches join a region there too.
 */
export function connectedRegions(bitmap: Uint8Array, width: number, height: number, maxRegions: number): Point[][] {
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const regions: Point[][] = [];
  for (let start = 0; start < bitmap.length && regions.length < maxRegions; start++) {
    if (!bitmap[start] || labels[start]) continue;
    const label = regions.length + 1;
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    // Per-row extremes of this component, keyed by row.
    const rowMin = new Map<number, number>();
    const rowMax = new Map<number, number>();
    while (top > 0) {
      const idx = stack[--top]!;
      const y = (idx / width) | 0;
      const x = idx - y * width;
      const mn = rowMin.get(y);
      if (mn === undefined || x < mn) rowMin.set(y, x);
      const mx = rowMax.get(y);
      if (mx === undefined || x > mx) rowMax.set(y, x);
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width || (dx === 0 && dy === 0)) continue;
          const n = ny * width + nx;
          if (bitmap[n] && !labels[n]) {
            labels[n] = label;
            stack[top++] = n;
          }
        }
      }
    }
    const pts: Point[] = [];
    for (const [y, x0] of rowMin) {
      pts.push([x0, y]);
      const x1 = rowMax.get(y)!;
      if (x1 !== x0) pts.push([x1, y]);
    }
    regions.push(pts);
  }
  return regions;
}

/**
 * "fast" box score: mean probability over the pixels whose centres fall inside the quad
 * (scanline fill of a convex polygon, clipped to the map).
 */
export function boxScoreFast(map: ProbabilityMap, box: Quad): number {
  const { data, width, height } = map;
  const ys = box.map((p) => p[1]);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)));
  let sum = 0;
  let count = 0;
  for (let y = y0; y <= y1; y++) {
    let left = Infinity;
    let right = -Infinity;
    for (let i = 0; i < 4; i++) {
      const a = box[i]!;
      const b = box[(i + 1) % 4]!;
      const lo = Math.min(a[1], b[1]);
      const hi = Math.max(a[1], b[1]);
      if (y < lo || y > hi) continue;
      if (hi === lo) {
        left = Math.min(left, a[0], b[0]);
        right = Math.max(right, a[0], b[0]);
      } else {
        const x = a[0] + ((y - a[1]) * (b[0] - a[0])) / (b[1] - a[1]);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
    if (left > right) continue;
    const xa = Math.max(0, Math.ceil(left - 1e-6));
    const xb = Math.min(width - 1, Math.floor(right + 1e-6));
    const row = y * width;
    for (let x = xa; x <= xb; x++) {
      sum += data[row + x]!;
      count++;
    }
  }
  return count === 0 ? 0 : sum / count;
}

/**
 * Probability map → text boxes in the original image's pixel coordinates.
 * `srcWidth`/`srcHeight` are the original image's size; the map is the resized detector input's.
 */
export function dbPostprocess(
  map: ProbabilityMap,
  srcWidth: number,
  srcHeight: number,
  options: Partial<DbOptions> = {},
): DetectedBox[] {
  const o = { ...DEFAULT_DB_OPTIONS, ...options };
  const { data, width, height } = map;
  const bitmap = new Uint8Array(width * height);
  for (let i = 0; i < bitmap.length; i++) bitmap[i] = data[i]! > o.thresh ? 1 : 0;

  const sx = srcWidth / width;
  const sy = srcHeight / height;
  const out: DetectedBox[] = [];
  for (const region of connectedRegions(bitmap, width, height, o.maxCandidates)) {
    const { box, shortSide } = miniBox(region);
    if (shortSide < o.minSize) continue;
    const score = boxScoreFast(map, box);
    if (score < o.boxThresh) continue;
    const grown = unclipRect(box, o.unclipRatio);
    // DB predicts a shrunk kernel; after growing it back, slivers are still noise.
    if (grown.shortSide < o.minSize + 2) continue;
    const mapped = grown.box.map(
      ([x, y]): Point => [
        Math.min(Math.max(Math.round(x * sx), 0), srcWidth - 1),
        Math.min(Math.max(Math.round(y * sy), 0), srcHeight - 1),
      ],
    );
    const quad = orderClockwise(mapped);
    // predict_det's filter_tag_det_res: drop boxes that collapsed to ≤ 3 px once clipped.
    if (Math.trunc(distance(quad[0], quad[1])) <= 3 || Math.trunc(distance(quad[0], quad[3])) <= 3) continue;
    out.push({ box: quad, score });
  }
  return out;
}
