// Scoring helpers for the OCR bench: edit distance over Unicode code points, character error
// rate in a strict and a whitespace-insensitive flavour, exact-line matching and percentiles.
// Pure functions with no dependencies, so main.ts can self-check them before every run.

/** Levenshtein distance (insert, delete, substitute each cost 1) over code points. */
export function levenshtein(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = new Array<number>(y.length + 1);
  let curr = new Array<number>(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    curr[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const cost = xi === y[j - 1] ? 0 : 1;
      curr[j] = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[y.length]!;
}

/** Code-point length (a CJK character or an emoji counts once). */
export function charCount(s: string): number {
  return Array.from(s).length;
}

/** Strict form: each line trimmed, empty lines dropped, lines joined with "\n" in reading order. */
export function joinStrict(lines: readonly string[]): string {
  return lines
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join("\n");
}

/** Whitespace-insensitive form: every whitespace character removed. */
export function joinNoSpace(lines: readonly string[]): string {
  return lines.join("").replace(/\s+/gu, "");
}

export interface ErrorCount {
  /** Edit distance between truth and prediction. */
  edits: number;
  /** Code points in the truth (the CER denominator). */
  chars: number;
}

export function charErrors(truth: readonly string[], predicted: readonly string[], mode: "strict" | "nospace"): ErrorCount {
  const join = mode === "strict" ? joinStrict : joinNoSpace;
  const t = join(truth);
  return { edits: levenshtein(t, join(predicted)), chars: charCount(t) };
}

/** Micro-averaged CER: total edits over total truth characters. */
export function cer(counts: readonly ErrorCount[]): number {
  let edits = 0;
  let chars = 0;
  for (const c of counts) {
    edits += c.edits;
    chars += c.chars;
  }
  return chars === 0 ? 0 : edits / chars;
}

/**
 * How many truth lines the prediction reproduces exactly. Each predicted line can match one truth
 * line (multiset matching), so order and extra lines do not matter, but splits and merges do.
 * With `nospace`, whitespace is ignored inside each line.
 */
export function exactLineMatches(truth: readonly string[], predicted: readonly string[], mode: "strict" | "nospace"): number {
  const norm = mode === "strict" ? (s: string) => s.trim() : (s: string) => s.replace(/\s+/gu, "");
  const pool = new Map<string, number>();
  for (const p of predicted) {
    const k = norm(p);
    if (k.length > 0) pool.set(k, (pool.get(k) ?? 0) + 1);
  }
  let hits = 0;
  for (const t of truth) {
    const k = norm(t);
    const left = pool.get(k) ?? 0;
    if (left > 0) {
      hits++;
      pool.set(k, left - 1);
    }
  }
  return hits;
}

/** Percentile with linear interpolation between closest ranks (numpy's default); p in [0, 100]. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Known answers shared by metrics.test.ts and the self-check main.ts runs before benchmarking. */
export const METRIC_CASES = {
  levenshtein: [
    ["", "", 0],
    ["abc", "", 3],
    ["", "abc", 3],
    ["kitten", "sitting", 3],
    ["flaw", "lawn", 2],
    ["发票号码", "发栗号码", 1],
    ["欢迎光临", "欢迎", 2],
    ["$1,299.99", "$1299.99", 1],
  ] as const satisfies readonly (readonly [string, string, number])[],
  percentile: [
    [[5], 50, 5],
    [[1, 2, 3, 4], 50, 2.5],
    [[10, 1, 4, 3, 2], 50, 3],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99, 9.91],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0, 1],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 100, 10],
  ] as const satisfies readonly (readonly [readonly number[], number, number])[],
};

/** Throws if any metric disagrees with its known answer; returns the number of checks. */
export function selfCheck(): number {
  let n = 0;
  const fail = (what: string) => {
    throw new Error(`bench/ocr/metrics self-check failed: ${what}`);
  };
  for (const [a, b, d] of METRIC_CASES.levenshtein) {
    n++;
    if (levenshtein(a, b) !== d || levenshtein(b, a) !== d) fail(`levenshtein(${JSON.stringify(a)}, ${JSON.stringify(b)}) !== ${d}`);
  }
  for (const [values, p, want] of METRIC_CASES.percentile) {
    n++;
    if (Math.abs(percentile(values, p) - want) > 1e-9) fail(`percentile([${values.join(",")}], ${p}) !== ${want}`);
  }
  const checks: [string, boolean][] = [
    ["charCount CJK", charCount("人民币 ¥128") === 8],
    ["joinStrict", joinStrict(["  a b ", "", "c"]) === "a b\nc"],
    ["joinNoSpace", joinNoSpace(["a b", " c\t"]) === "abc"],
    ["charErrors strict", charErrors(["ab cd"], ["ab", "cd"], "strict").edits === 1],
    ["charErrors nospace", charErrors(["ab cd"], ["ab", "cd"], "nospace").edits === 0],
    ["charErrors chars", charErrors(["ab cd"], [], "nospace").chars === 4],
    ["cer", Math.abs(cer([{ edits: 1, chars: 4 }, { edits: 1, chars: 6 }]) - 0.2) < 1e-12],
    ["cer empty", cer([]) === 0],
    ["exact strict", exactLineMatches(["a b", "c", "c"], ["c", " a b ", "x"], "strict") === 2],
    ["exact nospace", exactLineMatches(["发 票", "ab"], ["发票", "a b"], "nospace") === 2],
    ["exact no double use", exactLineMatches(["c", "c"], ["c"], "strict") === 1],
  ];
  for (const [what, ok] of checks) {
    n++;
    if (!ok) fail(what);
  }
  return n;
}
