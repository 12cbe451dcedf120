import { describe, expect, test } from "vitest";
import { recognitionRegions } from "./crop-margin";
import type { Quad } from "./geometry";

const rect = (x0: number, y0: number, x1: number, y1: number): Quad => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

function expectQuad(actual: Quad, expected: Quad) {
  actual.forEach((p, i) => {
    expect(p[0]).toBeCloseTo(expected[i]![0], 6);
    expect(p[1]).toBeCloseTo(expected[i]![1], 6);
  });
}

describe("recognitionRegions", () => {
  test("a lone line gets ratio × its height on every side, nothing to fill", () => {
    const [r] = recognitionRegions([rect(100, 100, 300, 120)], 0.25, 1000, 1000);
    expectQuad(r!.quad, rect(95, 95, 305, 125));
    expect(r!.fill).toEqual({ top: 0, bottom: 0, left: 0, right: 0 });
  });

  test("ratio 0 is PaddleOCR's crop: the box itself", () => {
    const box = rect(10, 10, 50, 20);
    const [r] = recognitionRegions([box], 0, 100, 100);
    expect(r!.quad).toEqual(box);
    expect(r!.quad).not.toBe(box);
    expect(r!.fill).toEqual({ top: 0, bottom: 0, left: 0, right: 0 });
  });

  test("the margin stops at the line above and below; the rest is to be filled", () => {
    // Lines 20 px high with 2 px between them: each may take 2 px towards the other, wants 5.
    const [above, middle, below] = recognitionRegions([rect(0, 78, 400, 98), rect(0, 100, 400, 120), rect(0, 122, 400, 142)], 0.25, 1000, 1000);
    expect(middle!.quad[0][1]).toBeCloseTo(98, 6);
    expect(middle!.quad[3][1]).toBeCloseTo(122, 6);
    expect(middle!.fill.top).toBeCloseTo(3, 6);
    expect(middle!.fill.bottom).toBeCloseTo(3, 6);
    expect(above!.fill).toMatchObject({ top: 0, bottom: expect.closeTo(3, 6) });
    expect(below!.fill).toMatchObject({ top: expect.closeTo(3, 6), bottom: 0 });
  });

  test("a word split off the same line limits the side margin, not the top, and gets no paper between", () => {
    const [left, right] = recognitionRegions([rect(100, 100, 200, 120), rect(202, 101, 260, 121)], 0.25, 1000, 1000);
    expect(left!.quad[1][0]).toBeCloseTo(202, 6);
    expect(left!.quad[0]).toEqual([95, 95]);
    expect(left!.fill).toEqual({ top: 0, bottom: 0, left: 0, right: 0 });
    expect(right!.quad[0][0]).toBeCloseTo(200, 6);
    expect(right!.fill.left).toBe(0);
  });

  test("a box in another column does not limit anything", () => {
    const [r] = recognitionRegions([rect(100, 100, 200, 120), rect(400, 80, 500, 99)], 0.25, 1000, 1000);
    expect(r!.fill).toEqual({ top: 0, bottom: 0, left: 0, right: 0 });
  });

  test("never leaves the image: text at the edge gets its margin as fill", () => {
    const [r] = recognitionRegions([rect(0, 2, 100, 22)], 0.25, 101, 30);
    expectQuad(r!.quad, rect(0, 0, 100, 27));
    expect(r!.fill.left).toBeCloseTo(5, 6);
    expect(r!.fill.top).toBeCloseTo(3, 6);
    expect(r!.fill.right).toBeCloseTo(5, 6);
    expect(r!.fill.bottom).toBeCloseTo(0, 6);
  });

  test("vertical text takes its margin from the short side, in the box's own frame", () => {
    const [r] = recognitionRegions([rect(100, 100, 120, 300)], 0.25, 1000, 1000);
    expectQuad(r!.quad, rect(95, 95, 125, 305));
  });

  test("a tilted box grows along its own axes", () => {
    const a = Math.PI / 6;
    const at = (u: number, v: number): [number, number] => [500 + u * Math.cos(a) - v * Math.sin(a), 500 + u * Math.sin(a) + v * Math.cos(a)];
    const [r] = recognitionRegions([[at(0, 0), at(200, 0), at(200, 40), at(0, 40)]], 0.25, 2000, 2000);
    expectQuad(r!.quad, [at(-10, -10), at(210, -10), at(210, 50), at(-10, 50)]);
  });
});
