import { describe, expect, test } from "vitest";
import { convexHull, minAreaRect, miniBox, unclipRect, type Point, type Quad } from "./geometry";

function rotatedRectPoints(cx: number, cy: number, w: number, h: number, deg: number): Point[] {
  const a = (deg * Math.PI) / 180;
  const c = Math.cos(a), s = Math.sin(a);
  return [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]].map(([x, y]) => [cx + x! * c - y! * s, cy + x! * s + y! * c]);
}

describe("convexHull", () => {
  test("drops interior and collinear points", () => {
    const hull = convexHull([[0, 0], [2, 0], [4, 0], [4, 4], [0, 4], [2, 2], [1, 3]]);
    expect(hull).toHaveLength(4);
    expect(hull).toEqual(expect.arrayContaining([[0, 0], [4, 0], [4, 4], [0, 4]]));
  });
});

describe("minAreaRect", () => {
  test("recovers a rotated rectangle from its corners plus interior points", () => {
    const pts = [...rotatedRectPoints(50, 40, 60, 20, 30), [50, 40], [55, 42]] as Point[];
    const r = minAreaRect(pts);
    expect(Math.max(r.width, r.height)).toBeCloseTo(60, 6);
    expect(Math.min(r.width, r.height)).toBeCloseTo(20, 6);
    const cx = r.corners.reduce((s, p) => s + p[0], 0) / 4;
    const cy = r.corners.reduce((s, p) => s + p[1], 0) / 4;
    expect(cx).toBeCloseTo(50, 6);
    expect(cy).toBeCloseTo(40, 6);
  });

  test("degenerate inputs give zero-size rectangles", () => {
    expect(minAreaRect([[3, 4]]).width).toBe(0);
    const line = minAreaRect([[0, 0], [10, 0]]);
    expect(Math.min(line.width, line.height)).toBe(0);
  });
});

describe("miniBox / unclipRect", () => {
  test("orders corners TL, TR, BR, BL and grows by area·ratio/perimeter on each side", () => {
    const { box, shortSide } = miniBox([[10, 20], [70, 20], [70, 40], [10, 40]]);
    expect(box).toEqual([[10, 20], [70, 20], [70, 40], [10, 40]]);
    expect(shortSide).toBe(20);
    const d = (60 * 20 * 1.5) / (2 * 80); // 11.25
    const grown = unclipRect(box, 1.5);
    const expected: Quad = [[10 - d, 20 - d], [70 + d, 20 - d], [70 + d, 40 + d], [10 - d, 40 + d]];
    grown.box.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(expected[i]![0], 9);
      expect(p[1]).toBeCloseTo(expected[i]![1], 9);
    });
    expect(grown.shortSide).toBeCloseTo(20 + 2 * d, 9);
  });
});
