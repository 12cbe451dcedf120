import { builtinModelVersion, createOcrEngine, type OcrEngine } from "@/lib/ocr";
import type { BenchEngine } from "./types";

/** This project's runtime with the built-in PP-OCRv4 models and its default parameters. */
export function createOcrConsoleEngine(): BenchEngine {
  let engine: OcrEngine | undefined;
  return {
    name: "ocr-console",
    description: "createOcrEngine(builtinModelVersion()) from @/lib/ocr, default params, onnxruntime-node",
    async init() {
      engine = await createOcrEngine(builtinModelVersion());
    },
    async recognize(png) {
      if (!engine) throw new Error("ocr-console engine not initialised");
      const result = await engine.recognize(png);
      return result.lines.map((l) => l.text);
    },
    async close() {
      await engine?.close();
      engine = undefined;
    },
  };
}
