// The common shape of every engine the OCR bench compares. Adapters are created cheaply; init()
// loads models (or checks the tool exists) and throws EngineUnavailableError when the engine
// cannot run here, which the bench reports as a notice instead of failing.

export interface BenchEngine {
  readonly name: string;
  /** One line describing the configuration, printed with the results. */
  readonly description: string;
  init(): Promise<void>;
  /** Text lines in reading order. */
  recognize(png: Buffer): Promise<string[]>;
  close(): Promise<void>;
  /** Called before a pass with this many concurrent recognize() calls. */
  setConcurrency?(n: number): void;
  /**
   * For engines that run in other processes: peak RSS of those processes in KiB, per process and
   * an upper bound for the concurrent total (sum of the largest `maxConcurrent` peaks).
   */
  externalMemory?(): { maxPerProcessKb: number; peakConcurrentKb: number; maxConcurrent: number } | undefined;
}

export class EngineUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EngineUnavailableError";
  }
}

export const ENGINE_NAMES = ["ocr-console", "gutenye-ocr-node", "tesseract"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];
