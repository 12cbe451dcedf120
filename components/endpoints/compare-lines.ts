import type { PredictionView } from "@/lib/schemas/endpoints";

const normalize = (text: string) => text.replace(/\s+/g, "").toLowerCase();

/** How many lines two answers read the same (as multisets of whitespace-free text). */
export function sameLines(a: PredictionView, b: PredictionView): { same: number; onlyA: string[]; onlyB: string[] } {
  const remaining = new Map<string, number>();
  for (const line of b.lines) remaining.set(normalize(line.text), (remaining.get(normalize(line.text)) ?? 0) + 1);
  const onlyA: string[] = [];
  let same = 0;
  for (const line of a.lines) {
    const key = normalize(line.text);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      same += 1;
      remaining.set(key, left - 1);
    } else onlyA.push(line.text);
  }
  const onlyB = b.lines.filter((line) => {
    const key = normalize(line.text);
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    return left > 0;
  }).map((line) => line.text);
  return { same, onlyA, onlyB };
}
