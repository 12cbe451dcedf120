import { readFile } from "node:fs/promises";

/**
 * Loads a PaddleOCR character dictionary. PaddleOCR strips only the line ending, so each line,
 * spaces included, is one entry; the space itself cannot be listed and comes from use_space_char.
 * Dictionaries are a few thousand short lines, so reading one whole is fine (label files are streamed).
 */
export async function loadDictionary(file: string, useSpaceChar = false): Promise<Set<string>> {
  let text = await readFile(file, "utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const entries = new Set(text.split(/\r?\n/).filter((entry) => entry !== ""));
  if (useSpaceChar) entries.add(" ");
  return entries;
}

/**
 * Distinct characters of `text` absent from the dictionary, in order of first appearance, with how often
 * each occurs. Iterates code points, not UTF-16 units, as Python's `for char in text` in PaddleOCR does.
 */
export function findUnknownCharacters(text: string, dictionary: ReadonlySet<string>): Map<string, number> {
  const unknown = new Map<string, number>();
  for (const char of text) {
    if (!dictionary.has(char)) unknown.set(char, (unknown.get(char) ?? 0) + 1);
  }
  return unknown;
}

/** `"é" (U+00E9)`: the code point disambiguates look-alikes and invisible characters. */
export function describeCharacter(char: string): string {
  const code = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
  return `${JSON.stringify(char)} (U+${code})`;
}
