import { describe, expect, test } from "vitest";
import { orderClockwise, sortBoxes } from "./box-order";
import type { Quad } from "./geometry";

const rect = (x: number, y: number, w = 50, h = 20): Quad => [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];

describe("orderClockwise", () => {
  test("any input order → TL, TR, BR, BL", () => {
    expect(orderClockwise([[60, 30], [10, 10], [10, 30], [60, 10]])).toEqual(rect(10, 10, 50, 20));
  });
  test("a slightly rotated box keeps its top-left corner first", () => {
    expect(orderClockwise([[100, 60], [12, 40], [98, 20], [10, 80]])).toEqual([[12, 40], [98, 20], [100, 60], [10, 80]]);
  });
  test("a 45° diamond gets four distinct corners", () => {
    const q = orderClockwise([[50, 0], [100, 50], [50, 100], [0, 50]]);
    expect(new Set(q.map((p) => p.join(","))).size).toBe(4);
  });
});

describe("sortBoxes", () => {
  test("top-to-bottom; boxes within 10 px vertically read left-to-right", () => {
    const boxes = [
      { id: "row2-right", q: rect(300, 105) },
      { id: "row1-right", q: rect(300, 12) },
      { id: "row1-left", q: rect(20, 18) },
      { id: "row2-left", q: rect(20, 100) },
      { id: "row3", q: rect(200, 200) },
      { id: "row1-mid", q: rect(150, 10) },
    ];
    expect(sortBoxes(boxes, (b) => b.q).map((b) => b.id)).toEqual(["row1-left", "row1-mid", "row1-right", "row2-left", "row2-right", "row3"]);
  });
  test("boxes 10 px or more apart vertically stay in y order even if further right", () => {
    const boxes = [{ id: "b", q: rect(10, 30) }, { id: "a", q: rect(400, 20) }];
    expect(sortBoxes(boxes, (b) => b.q).map((b) => b.id)).toEqual(["a", "b"]);
  });
});
