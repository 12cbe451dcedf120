import { z } from "zod";

// PaddleOCR's inference parameters under PaddleOCR's own names (tools/infer/utility.py), so a
// model.json or an API override reads the same as a PaddleOCR command line.

export interface OcrParams {
  /** Detector input: the limited side is scaled to this many pixels (then rounded to ×32). */
  det_limit_side_len: number;
  /** "max": shrink so the longest side ≤ limit; "min": grow so the shortest side ≥ limit. */
  det_limit_type: "max" | "min";
  /** Probability above which a pixel counts as text. */
  det_db_thresh: number;
  /** Minimum mean probability inside a candidate box. */
  det_db_box_thresh: number;
  /** How far boxes are grown back out (the DB model predicts shrunk text kernels). */
  det_db_unclip_ratio: number;
  /** Upper bound on the number of text regions examined per image. */
  det_db_max_candidates: number;
  /**
   * Not a PaddleOCR parameter: context kept around each detected line for the recogniser, as a
   * fraction of the line height, on every side (stopped at neighbouring boxes and the image
   * edge). The reported boxes do not change. 0 gives PaddleOCR's exact crops, on which PP-OCRv4
   * drops most spaces between Latin words (see crop-margin.ts).
   */
  rec_crop_margin: number;
  /** Recognition input "C,H,W": H is the model's fixed height, W the minimum padded width. */
  rec_image_shape: string;
  /** Lines per recognition run. */
  rec_batch_num: number;
  /** The dictionary has no space; PP-OCR models add one as the last class. */
  use_space_char: boolean;
  /** Run the 0°/180° direction classifier on each line (PaddleOCR: use_angle_cls). */
  use_cls: boolean;
  cls_image_shape: string;
  cls_batch_num: number;
  /** A line is turned when the classifier says "180" with more than this score. */
  cls_thresh: number;
  /** Lines recognised with a lower score are dropped from the result. */
  drop_score: number;
}

export const DEFAULT_OCR_PARAMS: Readonly<OcrParams> = Object.freeze({
  det_limit_side_len: 960,
  det_limit_type: "max",
  det_db_thresh: 0.3,
  det_db_box_thresh: 0.6,
  det_db_unclip_ratio: 1.5,
  det_db_max_candidates: 1000,
  // bench/ocr's set, strict CER: 3.1 % at 0, 0.35 % at 0.2, 0.16 % at 0.25, 0.24 % at 0.3; from
  // 0.4 pages and dense text (1.15× line spacing) get worse again. Also halves recognition time:
  // a taller crop is resized to a narrower 48-px-high input.
  rec_crop_margin: 0.25,
  rec_image_shape: "3,48,320",
  // PaddleOCR batches 6 lines, but on a 2-core CPU one line per run is faster: ocr-engine.bench.ts
  // on a 14-line 1280×720 page gave rec 367 ms (total 490) at 1 against rec 549 ms (total 668)
  // at 6. Padding every line of a batch to the widest one costs more than batching saves.
  rec_batch_num: 1,
  use_space_char: true,
  use_cls: false,
  cls_image_shape: "3,48,192",
  cls_batch_num: 6,
  cls_thresh: 0.9,
  drop_score: 0.5,
});

const imageShape = z
  .string()
  .regex(/^\s*3\s*,\s*\d+\s*,\s*\d+\s*$/, 'expected "3,H,W" (3 channels)')
  .refine((s) => {
    const [, h, w] = parseImageShape(s);
    return h >= 8 && h <= 256 && w >= 8 && w <= 4096;
  }, "height must be 8–256 and width 8–4096");

const fraction = z.number().min(0).max(1);

/** Every parameter optional; unknown keys refused so typos do not silently fall back to defaults. */
export const ocrParamsSchema = z
  .object({
    det_limit_side_len: z.number().int().min(32).max(4096),
    det_limit_type: z.enum(["max", "min"]),
    det_db_thresh: fraction,
    det_db_box_thresh: fraction,
    det_db_unclip_ratio: z.number().min(0).max(10),
    det_db_max_candidates: z.number().int().min(1).max(100_000),
    rec_crop_margin: fraction,
    rec_image_shape: imageShape,
    rec_batch_num: z.number().int().min(1).max(64),
    use_space_char: z.boolean(),
    use_cls: z.boolean(),
    cls_image_shape: imageShape,
    cls_batch_num: z.number().int().min(1).max(64),
    cls_thresh: fraction,
    drop_score: fraction,
  })
  .partial()
  .strict();

export type OcrParamsInput = z.input<typeof ocrParamsSchema>;

/** What a single recognize() call may change: not what is tied to how the model was exported. */
export const ocrOverridesSchema = ocrParamsSchema.omit({ rec_image_shape: true, cls_image_shape: true, use_space_char: true });
export type OcrOverrides = z.input<typeof ocrOverridesSchema>;

/** Accepts PaddleOCR's own name for the classifier switch too, so PaddleOCR configs paste in. */
function normaliseAliases(input: unknown): unknown {
  if (input && typeof input === "object" && !Array.isArray(input) && "use_angle_cls" in input) {
    const { use_angle_cls, ...rest } = input as Record<string, unknown>;
    return "use_cls" in rest ? { ...rest } : { ...rest, use_cls: use_angle_cls };
  }
  return input;
}

export function parseOcrParams(input: unknown): Partial<OcrParams> {
  return ocrParamsSchema.parse(normaliseAliases(input ?? {}));
}

export function parseOcrOverrides(input: unknown): Partial<OcrParams> {
  return ocrOverridesSchema.parse(normaliseAliases(input ?? {}));
}

/** Later layers win: defaults ← model.json ← engine options ← request. */
export function resolveOcrParams(...layers: (Partial<OcrParams> | undefined)[]): OcrParams {
  const out: OcrParams = { ...DEFAULT_OCR_PARAMS };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** "3,48,320" → [3, 48, 320]. */
export function parseImageShape(shape: string): [number, number, number] {
  const [c, h, w] = shape.split(",").map((s) => Number.parseInt(s.trim(), 10));
  return [c ?? 3, h ?? 0, w ?? 0];
}
