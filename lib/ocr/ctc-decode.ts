// CTCLabelDecode (ppocr/postprocess/rec_postprocess.py): greedy best path over the softmax output.

export const CTC_BLANK = "blank";

/**
 * Class list of a CTC recogniser: index 0 is the blank, then the dictionary's lines, then a
 * space when the model was trained with use_space_char (PP-OCR's are: 6623 keys + 2 = 6625).
 */
export function buildCharset(dictText: string, useSpaceChar: boolean): string[] {
  const lines = dictText.split("\n").map((l) => l.replace(/\r$/, ""));
  // A trailing newline is a file ending, not an empty-string class.
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const chars = [CTC_BLANK, ...lines];
  if (useSpaceChar) chars.push(" ");
  return chars;
}

export interface DecodedLine {
  text: string;
  /** Mean of the kept characters' probabilities; 0 when nothing was read. */
  score: number;
}

/**
 * One sequence: argmax per time step, collapse repeats, drop blanks. `probs` holds
 * steps × classes values starting at `offset`.
 */
export function ctcGreedyDecode(
  probs: Float32Array,
  steps: number,
  classes: number,
  charset: readonly string[],
  offset = 0,
): DecodedLine {
  let text = "";
  let sum = 0;
  let kept = 0;
  let prev = -1;
  for (let t = 0; t < steps; t++) {
    const base = offset + t * classes;
    let best = 0;
    let bestP = probs[base]!;
    for (let c = 1; c < classes; c++) {
      const p = probs[base + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best !== prev) {
      text += charset[best] ?? "";
      sum += bestP;
      kept++;
    }
    prev = best;
  }
  return { text, score: kept === 0 ? 0 : sum / kept };
}

/** A [batch, steps, classes] output tensor → one decoded line per batch item. */
export function ctcDecodeBatch(probs: Float32Array, dims: readonly number[], charset: readonly string[]): DecodedLine[] {
  const [n = 0, steps = 0, classes = 0] = dims;
  if (classes !== charset.length) {
    throw new Error(`Recogniser outputs ${classes} classes but the dictionary gives ${charset.length}; wrong dict.txt or use_space_char?`);
  }
  const out: DecodedLine[] = [];
  for (let i = 0; i < n; i++) out.push(ctcGreedyDecode(probs, steps, classes, charset, i * steps * classes));
  return out;
}
