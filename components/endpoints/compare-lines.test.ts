import { describe, expect, it } from "vitest";
import type { PredictionView } from "@/lib/schemas/endpoints";
import { sameLines } from "./compare-lines";

const answer = (...texts: string[]) =>
  ({ id: "x", lines: texts.map((text) => ({ text, score: 1, box: [[0, 0], [1, 0], [1, 1], [0, 1]] })), timings: { decodeMs: 0, detMs: 0, clsMs: 0, recMs: 0, totalMs: 0 }, width: 1, height: 1, latencyMs: 0 }) as PredictionView;

describe("comparing two endpoints' answers", () => {
  it("counts lines read alike, ignoring spaces and case, and lists the differences", () => {
    expect(sameLines(answer("TOTAL 12", "Thank you", "x"), answer("total12", "THANK YOU", "y", "z"))).toEqual({ same: 2, onlyA: ["x"], onlyB: ["y", "z"] });
  });

  it("counts repeated lines once per occurrence", () => {
    expect(sameLines(answer("a", "a"), answer("a"))).toEqual({ same: 1, onlyA: ["a"], onlyB: [] });
  });
});
