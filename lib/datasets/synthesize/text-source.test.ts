import { describe, expect, it } from "vitest";
import { mulberry32 } from "./prng";
import { createTextSource, tokenize } from "./text-source";

describe("text for synthetic lines", () => {
  it("splits on any white space and drops what an image cannot show or a label line cannot hold", () => {
    expect(tokenize("a\tb\nc  d\u200be\ufeff")).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("a word list gives random picks of the asked number of words, the same for the same seed", () => {
    const source = createTextSource({ kind: "words", text: "alpha beta gamma delta", wordsPerLine: { min: 2, max: 3 }, maxChars: 100 });
    const draw = (seed: number) => {
      const rng = mulberry32(seed);
      return Array.from({ length: 20 }, () => source.next(rng));
    };
    const lines = draw(1);
    expect(draw(1)).toEqual(lines);
    expect(draw(2)).not.toEqual(lines);
    for (const line of lines) {
      const words = line.split(" ");
      expect(words.length).toBeGreaterThanOrEqual(2);
      expect(words.length).toBeLessThanOrEqual(3);
      for (const word of words) expect(["alpha", "beta", "gamma", "delta"]).toContain(word);
    }
  });

  it("a corpus gives passages in their order, cut at a word boundary to fit the longest line", () => {
    const source = createTextSource({ kind: "corpus", text: "one two three four five six seven eight nine ten", wordsPerLine: { min: 4, max: 4 }, maxChars: 14 });
    const rng = mulberry32(3);
    const corpus = "one two three four five six seven eight nine ten";
    for (let i = 0; i < 20; i++) {
      const line = source.next(rng);
      expect([...line].length).toBeLessThanOrEqual(14);
      expect(corpus).toContain(line);
      expect(line).not.toMatch(/^ | $/);
    }
  });

  it("text without spaces (Chinese) is cut anywhere to the longest line", () => {
    const source = createTextSource({ kind: "corpus", text: "我们今天在北京的市场买了很多新鲜的水果和蔬菜", wordsPerLine: { min: 1, max: 1 }, maxChars: 6 });
    const line = source.next(mulberry32(1));
    expect([...line]).toHaveLength(6);
    expect(source.characters().has(" ")).toBe(false);
  });
});
