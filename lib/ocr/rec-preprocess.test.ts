import { describe, expect, test } from "vitest";
import { createBgrImage } from "./raw-image";
import { recBatchWidth, recPreprocessBatch } from "./rec-preprocess";

function solid(width: number, height: number, v: number) {
  const im = createBgrImage(width, height);
  im.data.fill(v);
  return im;
}

describe("recPreprocessBatch", () => {
  test("batch width: at least 320, else the widest aspect ratio at height 48", () => {
    expect(recBatchWidth([solid(100, 48, 0)], 48, 320)).toBe(320);
    expect(recBatchWidth([solid(100, 48, 0), solid(500, 30, 0)], 48, 320)).toBe(800);
    expect(recBatchWidth([solid(301, 24, 0)], 48, 320)).toBe(Math.ceil((48 * 301) / 24));
  });

  test("resizes to height 48 keeping the aspect ratio, scales to [-1, 1] and zero-pads on the right", () => {
    const { data, dims } = recPreprocessBatch([solid(50, 24, 255), solid(40, 40, 0)], 48, 320);
    expect(dims).toEqual([2, 3, 48, 320]);
    const block = 3 * 48 * 320;
    // First image: 50×24 → 100×48 of white = 1.0, then padding.
    expect(data[0]).toBeCloseTo(1, 6);
    expect(data[99]).toBeCloseTo(1, 6);
    expect(data[100]).toBe(0);
    expect(data[2 * 48 * 320 + 47 * 320 + 99]).toBeCloseTo(1, 6);
    // Second image: black 48×48 = −1.0, padding 0 beyond column 48.
    expect(data[block + 47]).toBeCloseTo(-1, 6);
    expect(data[block + 48]).toBe(0);
  });
});
