import type { Prng } from "./prng";

export interface TextSourceOptions {
  kind: "words" | "corpus";
  text: string;
  wordsPerLine: { min: number; max: number };
  /** In code points, as PaddleOCR counts max_text_length. */
  maxChars: number;
}

export interface TextSource {
  /** A line of text: never empty, no tabs or line breaks, single spaces, at most maxChars code points. */
  next(rng: Prng): string;
  /** Every distinct character a line can contain (spaces included when lines can have several words). */
  characters(): Set<string>;
}

// Tabs split a PaddleOCR label and line breaks end it; other control and format characters
// (zero-width joiners, BOMs) are invisible in the image, so the label could never match it.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** The words of a text: split on any white space, with invisible characters removed. */
export function tokenize(text: string): string[] {
  return text
    .replace(INVISIBLE, " ")
    .split(/\s+/u)
    .filter((word) => word !== "");
}

/**
 * Lines to render, drawn with the caller's generator so a seed fixes them. A word list gives random
 * picks of words (a bag, as trdg's dictionary mode); a corpus gives random passages of running text
 * in their order. Text without spaces (Chinese) is cut to maxChars anywhere; spaced text at a word
 * boundary when a word fits, so lines do not end in half a word.
 */
export function createTextSource(options: TextSourceOptions): TextSource {
  const words = tokenize(options.text);
  if (words.length === 0) throw new Error("the text has no words");
  const { min, max } = options.wordsPerLine;

  const clip = (line: string, rng: Prng): string => {
    const chars = [...line];
    if (chars.length <= options.maxChars) return line;
    if (!line.includes(" ")) {
      const start = rng.int(0, chars.length - options.maxChars);
      return chars.slice(start, start + options.maxChars).join("");
    }
    const head = chars.slice(0, options.maxChars + 1).join("");
    const cut = head.lastIndexOf(" ");
    return cut > 0 ? head.slice(0, cut) : chars.slice(0, options.maxChars).join("");
  };

  return {
    next(rng) {
      const count = rng.int(min, max);
      let picked: string[];
      if (options.kind === "words") {
        picked = Array.from({ length: count }, () => rng.pick(words));
      } else {
        const start = rng.int(0, Math.max(0, words.length - count));
        picked = words.slice(start, start + count);
      }
      return clip(picked.join(" "), rng);
    },
    characters() {
      const chars = new Set<string>();
      for (const word of words) for (const char of word) chars.add(char);
      if (max > 1 && words.length > 0) chars.add(" ");
      return chars;
    },
  };
}
