// What run-engine.ts prints and main.ts reads: one JSON line after RESULT_MARK on stdout.

export const RESULT_MARK = "@@OCR_BENCH_RESULT@@";
export const CONCURRENCY = 4;

export interface EngineRunResult {
  engine: string;
  available: boolean;
  notice?: string;
  description?: string;
  initMs?: number;
  /** Per dataset item, from the sequential pass. */
  predictions?: string[][];
  errors?: (string | null)[];
  seqMs?: number[];
  seqWallMs?: number;
  concurrency?: number;
  concWallMs?: number;
  /** Items whose output under concurrency differs from the sequential output. */
  concMismatches?: number;
  /** process.resourceUsage().maxRSS of the engine's process, KiB. */
  maxRssKb: number;
  externalMemory?: { maxPerProcessKb: number; peakConcurrentKb: number; maxConcurrent: number };
}
