import { describe, expect, test } from "vitest";
import { connectedRegions, dbPostprocess, type ProbabilityMap } from "./db-postprocess";
import { distance } from "./geometry";

function emptyMap(width: number, height: number): ProbabilityMap {
  return { data: new Float32Array(width * height), width, height };
}

function fillRect(map: ProbabilityMap, x0: number, y0: number, x1: number, y1: number, p: number): void {
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) map.data[y * map.width + x] = p;
}

/** Pixels whose centres lie in a w×h rectangle centred at (cx, cy) rotated by deg. */
function fillRotated(map: ProbabilityMap, cx: number, cy: number, w: number, h: number, deg: number, p: number): void {
  const a = (deg * Math.PI) / 180;
  for (let y = 0; y < map.height; y++) {
    for (let x = 0; x < map.width; x++) {
      const dx = x - cx, dy = y - cy;
      const u = dx * Math.cos(a) + dy * Math.sin(a);
      const v = -dx * Math.sin(a) + dy * Math.cos(a);
      if (Math.abs(u) <= w / 2 && Math.abs(v) <= h / 2) map.data[y * map.width + x] = p;
    }
  }
}

describe("connectedRegions", () => {
  test("8-connectivity joins diagonal neighbours", () => {
    const bitmap = new Uint8Array([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]);
    expect(connectedRegions(bitmap, 4, 4, 10)).toHaveLength(2);
  });
  test("stops at maxRegions", () => {
    const bitmap = new Uint8Array([1, 0, 1, 0, 1]);
    expect(connectedRegions(bitmap, 5, 1, 2)).toHaveLength(2);
  });
});

describe("dbPostprocess", () => {
  const map = emptyMap(240, 180);
  fillRect(map, 20, 20, 79, 39, 0.9); // 60×20 kernel
  fillRect(map, 120, 20, 219, 49, 0.95); // 100×30 kernel
  fillRotated(map, 120, 120, 80, 16, 30, 0.9); // rotated 30°
  fillRect(map, 10, 160, 11, 161, 0.99); // 2×2 speck: below min_size
  fillRect(map, 180, 150, 229, 169, 0.45); // above thresh, below box_thresh

  test("finds the two rectangles and the rotated one, drops the speck and the weak region", () => {
    const boxes = dbPostprocess(map, 240, 180);
    expect(boxes).toHaveLength(3);
    const byX = [...boxes].sort((a, b) => a.box[0][0] - b.box[0][0]);

    // Contour of pixel centres 20..79 × 20..39 is 59×19; unclip grows each side by
    // 59·19·1.5 / (2·(59+19)) ≈ 10.78 px.
    const d = (59 * 19 * 1.5) / (2 * 78);
    expect(byX[0]!.box).toEqual([
      [Math.round(20 - d), Math.round(20 - d)],
      [Math.round(79 + d), Math.round(20 - d)],
      [Math.round(79 + d), Math.round(39 + d)],
      [Math.round(20 - d), Math.round(39 + d)],
    ]);
    expect(byX[0]!.score).toBeCloseTo(0.9, 5);

    const rotated = byX[1]!;
    const [tl, tr, br, bl] = rotated.box;
    const cx = (tl[0] + tr[0] + br[0] + bl[0]) / 4;
    const cy = (tl[1] + tr[1] + br[1] + bl[1]) / 4;
    expect(Math.abs(cx - 120)).toBeLessThan(2);
    expect(Math.abs(cy - 120)).toBeLessThan(2);
    const angle = (Math.atan2(tr[1] - tl[1], tr[0] - tl[0]) * 180) / Math.PI;
    expect(Math.abs(angle - 30)).toBeLessThan(3);
    expect(distance(tl, tr)).toBeGreaterThan(80);
    expect(distance(tl, bl)).toBeGreaterThan(16);

    const wide = byX[2]!;
    expect(wide.box[0][0]).toBeLessThan(120);
    expect(wide.box[2][0]).toBeGreaterThan(219);
    expect(wide.box[0][1]).toBeLessThan(20);
    expect(wide.box[2][1]).toBeGreaterThan(49);
  });

  test("maps boxes back to the original scale and clips them to the image", () => {
    const boxes = dbPostprocess(map, 480, 360);
    const first = boxes.sort((a, b) => a.box[0][0] - b.box[0][0])[0]!;
    const d = (59 * 19 * 1.5) / (2 * 78);
    expect(first.box[0][0]).toBe(Math.round((20 - d) * 2));
    expect(first.box[2][1]).toBe(Math.round((39 + d) * 2));

    const edge = emptyMap(100, 60);
    fillRect(edge, 0, 0, 40, 10, 0.9);
    const [clipped] = dbPostprocess(edge, 100, 60);
    expect(clipped!.box[0]).toEqual([0, 0]);
  });

  test("thresholds are parameters", () => {
    expect(dbPostprocess(map, 240, 180, { boxThresh: 0.4 })).toHaveLength(4);
    expect(dbPostprocess(map, 240, 180, { thresh: 0.92 })).toHaveLength(1);
    expect(dbPostprocess(map, 240, 180, { maxCandidates: 1 })).toHaveLength(1);
  });
});
