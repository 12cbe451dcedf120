import { describe, expect, it } from "vitest";
import { placeText, rotatedHalfExtent } from "./text-layout";

describe("text layout", () => {
  const ink = { x0: 0, y0: -20, x1: 100, y1: 0 };

  it("unrotated, the quad is the padded ink moved to the centre, clockwise from top-left", () => {
    const placed = placeText(ink, 0, 200, 100, 2);
    expect(placed.quad).toEqual([
      [148, 88],
      [252, 88],
      [252, 112],
      [148, 112],
    ]);
    expect(placed.bounds).toEqual({ left: 148, top: 88, right: 252, bottom: 112 });
    expect(placed.transform).toBe("translate(200 100) rotate(0) translate(-50 10)");
  });

  it("turned 90° clockwise, the text's top edge runs down the right side", () => {
    const placed = placeText(ink, 90, 0, 0, 0);
    expect(placed.quad).toEqual([
      [10, -50],
      [10, 50],
      [-10, 50],
      [-10, -50],
    ]);
    expect(rotatedHalfExtent(ink, 90, 0)).toMatchObject({ halfWidth: expect.closeTo(10, 6), halfHeight: expect.closeTo(50, 6) });
  });
});
