import path from "node:path";

// The fixture trainer as the local target's PaddleOCR checkout, for vitest and the e2e web server.

/** A folder shaped like a PaddleOCR checkout: tools/train.ts, tools/export_model.ts and the template configs. */
export const FAKE_PADDLEOCR_DIR = path.resolve(import.meta.dirname);

/** The environment that makes the local target train (and export) with the fixture trainer. */
export function fakePaddleOcrEnv(options: { stopGraceSeconds?: number } = {}): Record<string, string> {
  const node = `${process.execPath} --import tsx`;
  return {
    CONSOLE_PADDLEOCR_DIR: FAKE_PADDLEOCR_DIR,
    CONSOLE_TRAIN_COMMAND: `${node} tools/train.ts -c <config> -o <changes>`,
    CONSOLE_EXPORT_COMMAND: `${node} tools/export_model.ts -c <config> -o <changes>`,
    CONSOLE_TRAIN_STOP_GRACE_SECONDS: String(options.stopGraceSeconds ?? 2),
  };
}
