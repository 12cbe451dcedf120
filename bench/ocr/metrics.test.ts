import { describe, expect, it } from "vitest";
import { cer, charErrors, exactLineMatches, levenshtein, METRIC_CASES, percentile, selfCheck } from "./metrics";

// Not in vitest.config.ts `include` (lib/, test/, app/, components/), so `npm test` does not run
// it; main.ts runs the same known answers through selfCheck() before every bench run.

describe("bench/ocr metrics", () => {
  it.each(METRIC_CASES.levenshtein)("levenshtein(%j, %j) = %i", (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
    expect(levenshtein(b, a)).toBe(d);
  });

  it.each(METRIC_CASES.percentile)("percentile(%j, %d) = %d", (values, p, want) => {
    expect(percentile(values, p)).toBeCloseTo(want, 9);
  });

  it("scores whitespace strictly or not at all", () => {
    expect(charErrors(["Total ¥128.50"], ["Total¥128.50"], "strict")).toEqual({ edits: 1, chars: 13 });
    expect(charErrors(["Total ¥128.50"], ["Total¥128.50"], "nospace")).toEqual({ edits: 0, chars: 12 });
    expect(cer([charErrors(["abcd"], ["abXd"], "strict"), charErrors(["efgh"], ["efgh"], "strict")])).toBe(1 / 8);
  });

  it("matches exact lines as a multiset", () => {
    expect(exactLineMatches(["a", "b", "b"], ["b", "a", "b", "z"], "strict")).toBe(3);
    expect(exactLineMatches(["a b"], ["a", "b"], "strict")).toBe(0);
  });

  it("passes its own self-check", () => {
    expect(selfCheck()).toBeGreaterThan(10);
  });
});
