import { describe, expect, test } from "vitest";
import { detPreprocess, detResizeDims } from "./det-preprocess";
import { createBgrImage } from "./raw-image";

describe("detResizeDims (DetResizeForTest)", () => {
  test("limit_type max: the longest side shrinks to the limit, both sides snap to ×32", () => {
    expect(detResizeDims(1280, 720, 960, "max")).toEqual({ width: 960, height: 544 });
    expect(detResizeDims(720, 1280, 960, "max")).toEqual({ width: 544, height: 960 });
  });
  test("smaller images are not enlarged, only snapped (minimum 32)", () => {
    expect(detResizeDims(100, 50, 960, "max")).toEqual({ width: 96, height: 64 });
    expect(detResizeDims(10, 10, 960, "max")).toEqual({ width: 32, height: 32 });
  });
  test("Python rounding: halves go to even", () => {
    // 80/32 = 2.5 → 2, 112/32 = 3.5 → 4
    expect(detResizeDims(80, 112, 960, "max")).toEqual({ width: 64, height: 128 });
  });
  test("limit_type min grows the shortest side to the limit", () => {
    expect(detResizeDims(400, 200, 736, "min")).toEqual({ width: 1472, height: 736 });
  });
});

describe("detPreprocess", () => {
  test("NCHW float tensor with ImageNet normalisation per (BGR) channel and the resize ratios", () => {
    const im = createBgrImage(64, 32);
    for (let i = 0; i < im.data.length; i += 3) im.data.set([255, 0, 128], i);
    const t = detPreprocess(im, { det_limit_side_len: 960, det_limit_type: "max" });
    expect(t.dims).toEqual([1, 3, 32, 64]);
    expect(t.data.length).toBe(3 * 32 * 64);
    const plane = 32 * 64;
    expect(t.data[0]).toBeCloseTo((1 - 0.485) / 0.229, 5);
    expect(t.data[plane]).toBeCloseTo((0 - 0.456) / 0.224, 5);
    expect(t.data[2 * plane]).toBeCloseTo((128 / 255 - 0.406) / 0.225, 5);
    expect([t.ratioW, t.ratioH]).toEqual([1, 1]);
  });
});
