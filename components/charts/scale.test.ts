import { describe, expect, it } from "vitest";
import { binLabel, formatCount, niceTicks } from "./scale";

describe("chart scales", () => {
  it("picks round ticks that reach the largest value", () => {
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(100)).toEqual([0, 50, 100]);
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it("labels counts and bins briefly", () => {
    expect([formatCount(950), formatCount(12_500), formatCount(3_000_000)]).toEqual(["950", "12.5k", "3M"]);
    expect([binLabel({ min: 0, max: 0 }), binLabel({ min: 1, max: 5 }), binLabel({ min: 101, max: null })]).toEqual(["0", "1–5", "101+"]);
  });
});
