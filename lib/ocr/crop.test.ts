import { describe, expect, test } from "vitest";
import { applyHomography, borderColour, cropSize, cropTextLine, homography, padWithBackground, warpQuad } from "./crop";
import type { Point, Quad } from "./geometry";
import { createBgrImage, type BgrImage } from "./raw-image";

/** Each pixel stores its own coordinates: B = x, G = y, R = 0. */
function coordinateImage(w: number, h: number): BgrImage {
  const im = createBgrImage(w, h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) im.data.set([x, y, 0], (y * w + x) * 3);
  return im;
}

const px = (im: BgrImage, x: number, y: number) => Array.from(im.data.subarray((y * im.width + x) * 3, (y * im.width + x) * 3 + 3));

describe("homography", () => {
  test("maps the four source corners onto the targets and is projective in between", () => {
    const from: Point[] = [[0, 0], [100, 0], [100, 50], [0, 50]];
    const to: Point[] = [[10, 20], [120, 10], [130, 80], [5, 70]];
    const h = homography(from, to);
    from.forEach((p, i) => {
      const q = applyHomography(h, p);
      expect(q[0]).toBeCloseTo(to[i]![0], 9);
      expect(q[1]).toBeCloseTo(to[i]![1], 9);
    });
    // Diagonals intersect at the image of the centre under a projective map.
    const c = applyHomography(h, [50, 25]);
    const cross = (a: Point, b: Point, p: Point) => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    expect(Math.abs(cross(to[0]!, to[2]!, c))).toBeLessThan(1e-6);
    expect(Math.abs(cross(to[1]!, to[3]!, c))).toBeLessThan(1e-6);
  });

  test("degenerate quads are refused", () => {
    expect(() => homography([[0, 0], [1, 0], [2, 0], [3, 0]], [[0, 0], [1, 0], [1, 1], [0, 1]])).toThrow(/Degenerate/);
  });
});

describe("warpQuad / cropTextLine", () => {
  const src = coordinateImage(200, 120);

  test("an axis-aligned quad crops exactly that region", () => {
    const quad: Quad = [[30, 40], [110, 40], [110, 70], [30, 70]];
    expect(cropSize(quad)).toEqual({ width: 80, height: 30 });
    const crop = warpQuad(src, quad, 80, 30);
    expect(px(crop, 0, 0)).toEqual([30, 40, 0]);
    expect(px(crop, 79, 29)).toEqual([109, 69, 0]);
    expect(px(crop, 17, 5)).toEqual([47, 45, 0]);
  });

  test("a rotated quad is straightened: crop pixels come from along the quad's edges", () => {
    // A 60×20 rectangle rotated by 30° around (100, 60).
    const a = Math.PI / 6;
    const corner = (x: number, y: number): Point => [100 + x * Math.cos(a) - y * Math.sin(a), 60 + x * Math.sin(a) + y * Math.cos(a)];
    const quad: Quad = [corner(-30, -10), corner(30, -10), corner(30, 10), corner(-30, 10)];
    const { width, height } = cropSize(quad);
    expect([width, height]).toEqual([60, 20]);
    const crop = warpQuad(src, quad, width, height);
    // Crop pixel (u, v) samples the source at TL + u·(cos, sin) + v·(−sin, cos).
    for (const [u, v] of [[0, 0], [30, 10], [59, 19], [45, 3]] as const) {
      const sx = quad[0][0] + u * Math.cos(a) - v * Math.sin(a);
      const sy = quad[0][1] + u * Math.sin(a) + v * Math.cos(a);
      const [b, g] = px(crop, u, v);
      expect(Math.abs(b! - sx)).toBeLessThanOrEqual(1);
      expect(Math.abs(g! - sy)).toBeLessThanOrEqual(1);
    }
  });

  test("samples outside the image repeat the border", () => {
    const crop = warpQuad(src, [[-10, -10], [10, -10], [10, 10], [-10, 10]], 20, 20);
    expect(px(crop, 0, 0)).toEqual([0, 0, 0]);
  });

  test("tall crops (h/w ≥ 1.5) are turned 90° counter-clockwise", () => {
    const crop = cropTextLine(src, [[50, 10], [70, 10], [70, 70], [50, 70]]);
    expect([crop.width, crop.height]).toEqual([60, 20]);
    // Counter-clockwise: the source's top-right corner lands top-left.
    expect(px(crop, 0, 0)).toEqual([69, 10, 0]);
    expect(px(crop, 59, 0)).toEqual([69, 69, 0]);
  });

  test("the recognition region is cut out, but turning is decided on the detected box", () => {
    // A 20×31 box is vertical text (31/20 ≥ 1.5); with a 5 px margin the region is 30×41, which
    // alone would not be turned.
    const box: Quad = [[50, 10], [70, 10], [70, 41], [50, 41]];
    const region: Quad = [[45, 5], [75, 5], [75, 46], [45, 46]];
    const crop = cropTextLine(src, box, { quad: region, fill: { top: 0, bottom: 0, left: 0, right: 0 } });
    expect([crop.width, crop.height]).toEqual([41, 30]);
    expect(px(crop, 0, 0)).toEqual([74, 5, 0]);
  });
});

describe("padWithBackground", () => {
  /** Paper colour (200, 210, 220) with a dark 4×2 blob of ink in the middle. */
  function line(): BgrImage {
    const im = createBgrImage(8, 4);
    for (let i = 0; i < im.data.length; i += 3) im.data.set([200, 210, 220], i);
    for (let y = 1; y < 3; y++) for (let x = 2; x < 6; x++) im.data.set([10, 10, 10], (y * 8 + x) * 3);
    return im;
  }

  test("the border colour is the paper, not the ink", () => {
    const im = line();
    im.data.set([10, 10, 10], 0); // one dark pixel on the border does not move the median
    expect(borderColour(im)).toEqual([200, 210, 220]);
  });

  test("adds whole pixels of paper on each side and keeps the crop in place", () => {
    const out = padWithBackground(line(), { top: 2.4, bottom: 0, left: 1, right: 0.6 });
    expect([out.width, out.height]).toEqual([8 + 1 + 1, 4 + 2]);
    expect(px(out, 0, 0)).toEqual([200, 210, 220]);
    expect(px(out, 9, 5)).toEqual([200, 210, 220]);
    expect(px(out, 1 + 2, 2 + 1)).toEqual([10, 10, 10]);
    expect(px(out, 1 + 1, 2 + 1)).toEqual([200, 210, 220]);
  });

  test("nothing to add returns the same image", () => {
    const im = line();
    expect(padWithBackground(im, { top: 0, bottom: 0.2, left: 0, right: 0 })).toBe(im);
  });
});
