import { createGutenyeEngine } from "./gutenye";
import { createOcrConsoleEngine } from "./ocr-console";
import { createTesseractEngine } from "./tesseract";
import type { BenchEngine, EngineName } from "./types";

export { ENGINE_NAMES, EngineUnavailableError, type BenchEngine, type EngineName } from "./types";

export function createEngine(name: EngineName): BenchEngine {
  switch (name) {
    case "ocr-console":
      return createOcrConsoleEngine();
    case "gutenye-ocr-node":
      return createGutenyeEngine();
    case "tesseract":
      return createTesseractEngine();
  }
}
