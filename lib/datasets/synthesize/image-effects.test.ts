import { describe, expect, it } from "vitest";
import { backgroundPixels, parseHexColor } from "./image-effects";
import { mulberry32 } from "./prng";

describe("backgrounds", () => {
  it("a solid background is the color in every pixel, whatever the size", () => {
    for (const [w, h] of [[1, 1], [7, 3], [33, 17]] as const) {
      const pixels = backgroundPixels("solid", w, h, [parseHexColor("#12ab34")], mulberry32(1));
      expect(pixels.length).toBe(w * h * 3);
      for (let i = 0; i < pixels.length; i += 3) expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([0x12, 0xab, 0x34]);
    }
  });

  it("grain stays grey around the color with the spread asked for, the same for the same seed", () => {
    const a = backgroundPixels("noise", 64, 64, [[200, 200, 200]], mulberry32(3));
    const b = backgroundPixels("noise", 64, 64, [[200, 200, 200]], mulberry32(3));
    expect(a.equals(b)).toBe(true);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < a.length; i += 3) {
      expect(a[i]).toBe(a[i + 1]);
      expect(a[i]).toBe(a[i + 2]);
      sum += a[i]!;
      squares += a[i]! ** 2;
    }
    const n = a.length / 3;
    const mean = sum / n;
    const sd = Math.sqrt(squares / n - mean ** 2);
    expect(mean).toBeGreaterThan(197);
    expect(mean).toBeLessThan(203);
    expect(sd).toBeGreaterThan(4);
    expect(sd).toBeLessThan(18);
  });

  it("a gradient runs from the color to another of the given ones", () => {
    const pixels = backgroundPixels("gradient", 50, 50, [[255, 255, 255], [0, 0, 0]], mulberry32(9));
    const values = new Set<number>();
    for (let i = 0; i < pixels.length; i += 3) values.add(pixels[i]!);
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(200);
  });
});
