import { describe, expect, it } from "vitest";
import { formatX, linePath, logTicks, nearestIndex, niceTicks, scale, xOf } from "./chart-scale";

describe("chart scales", () => {
  it("picks round ticks", () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 97, 4)).toEqual([20, 40, 60, 80]);
    expect(logTicks(0.002, 50)).toEqual([0.01, 0.1, 1, 10]);
    // A flat series whose smoothed copy differs in the last bit must not loop forever.
    expect(niceTicks(41.49999999999999, 41.5, 4).length).toBeLessThanOrEqual(2);
  });

  it("maps values linearly and logarithmically", () => {
    expect(scale([0, 10], [0, 100])(5)).toBe(50);
    expect(scale([1, 100], [0, 100], true)(10)).toBeCloseTo(50);
  });

  it("gives x by step, by time since start, or by wall time", () => {
    const p: [number, number, number, number] = [42, 1_700_000_090_000, 1, 1];
    expect(xOf(p, "step", 1_700_000_000_000)).toBe(42);
    expect(xOf(p, "relative", 1_700_000_000_000)).toBe(90);
    expect(formatX(90, "relative")).toBe("90s");
    expect(formatX(25_000, "step")).toBe("25k");
  });

  it("breaks the line at NaN and finds the nearest point for the hover readout", () => {
    expect(linePath([[0, 0], [1, Number.NaN], [2, 2], [3, 3]])).toBe("M0.0,0.0M2.0,2.0L3.0,3.0");
    expect(nearestIndex([0, 10, 20, 30], 14)).toBe(1);
    expect(nearestIndex([0, 10, 20, 30], 16)).toBe(2);
    expect(nearestIndex([0, 10, 20, 30], 99)).toBe(3);
  });
});
