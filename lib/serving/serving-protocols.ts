import type { OcrLine, OcrResult } from "@/lib/ocr";
import { toPythonLiteral, type PythonValue } from "./python-literal";

// The answers of the two serving protocols PaddleOCR users already call (see
// ../shared/reference/serving-protocols.md), written from one OCR result.

/** Scores as Python prints a numpy float32: about 8 significant digits. */
const score = (value: number) => Number(value.toPrecision(8));

/** PaddleServing pipeline: `{"err_no": 0, "err_msg": "", "key": ["result"], "value": ["<str(list)>"]}`. */
export function paddleServingAnswer(result: OcrResult) {
  const lines: PythonValue = result.lines.map((line) => [{ tuple: [line.text, { float: score(line.score) }] }, line.box.map(([x, y]) => [x, y])]);
  return { err_no: 0, err_msg: "", key: ["result"], value: [toPythonLiteral(lines)] };
}

/** PaddleServing's error answer; the codes follow its ChannelDataErrcode (input errors are negative). */
export function paddleServingError(message: string, errNo: number) {
  return { err_no: errNo, err_msg: message, key: [], value: [] };
}

/** PaddleHub `ocr_system`: one inner list of `{text, confidence, text_region}` per input image. */
export function paddleHubAnswer(results: OcrResult[]) {
  return {
    msg: "",
    status: "000",
    results: results.map((result) =>
      result.lines.map((line: OcrLine) => ({ text: line.text, confidence: score(line.score), text_region: line.box.map(([x, y]) => [x, y]) })),
    ),
  };
}

export function paddleHubError(message: string) {
  return { msg: message, status: "101", results: [] };
}
