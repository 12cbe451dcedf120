import { describe, expect, test } from "vitest";
import { buildCharset, ctcDecodeBatch, ctcGreedyDecode } from "./ctc-decode";

const charset = buildCharset("a\nb\nc\n", true); // blank, a, b, c, space

/** One row per time step with `p` on the given class and the rest spread evenly. */
function steps(seq: [number, number][], classes = charset.length): Float32Array {
  const out = new Float32Array(seq.length * classes);
  seq.forEach(([cls, p], t) => {
    for (let c = 0; c < classes; c++) out[t * classes + c] = c === cls ? p : (1 - p) / (classes - 1);
  });
  return out;
}

describe("buildCharset", () => {
  test("blank first, dictionary lines, then the space; CRLF and trailing newline handled", () => {
    expect(buildCharset("x\r\ny\r\n", true)).toEqual(["blank", "x", "y", " "]);
    expect(buildCharset("x\ny", false)).toEqual(["blank", "x", "y"]);
  });
});

describe("ctcGreedyDecode", () => {
  test("collapses repeats, removes blanks, keeps repeats separated by a blank", () => {
    // a a _ a b b _ _ c [space] c
    const probs = steps([[1, 0.9], [1, 0.8], [0, 0.99], [1, 0.7], [2, 0.6], [2, 0.95], [0, 0.9], [0, 0.9], [3, 0.5], [4, 0.9], [3, 0.8]]);
    const r = ctcGreedyDecode(probs, 11, charset.length, charset);
    expect(r.text).toBe("aabc c");
    // Score: the first step of each kept run — 0.9, 0.7, 0.6, 0.5, 0.9, 0.8.
    expect(r.score).toBeCloseTo((0.9 + 0.7 + 0.6 + 0.5 + 0.9 + 0.8) / 6, 6);
  });

  test("all blanks → empty text with score 0", () => {
    expect(ctcGreedyDecode(steps([[0, 0.9], [0, 0.9]]), 2, charset.length, charset)).toEqual({ text: "", score: 0 });
  });

  test("batch decoding uses each item's offset and checks the class count", () => {
    const a = steps([[1, 0.9], [0, 0.9]]);
    const b = steps([[3, 0.8], [3, 0.8]]);
    const both = new Float32Array([...a, ...b]);
    expect(ctcDecodeBatch(both, [2, 2, charset.length], charset).map((l) => l.text)).toEqual(["a", "c"]);
    expect(() => ctcDecodeBatch(both, [2, 2, 7], charset)).toThrow(/dictionary/);
  });
});
