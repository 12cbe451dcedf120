import { z } from "zod";
import { datasetNameSchema } from "./datasets";

// The synthetic generator's request: one schema for the page's form, the server action, the REST
// route and the OpenAPI document. Ranges are "pick uniformly between min and max" per sample.

export const SYNTH_TASKS = ["rec", "det"] as const;
export const SYNTH_TEXT_SOURCES = ["words", "corpus"] as const;
export const SYNTH_BACKGROUNDS = ["solid", "gradient", "noise"] as const;

/** Enough text for a rich corpus, small enough to travel in one request and to keep beside the data. */
export const MAX_SYNTH_TEXT_CHARS = 500_000;
export const MAX_SYNTH_SAMPLES = 20_000;

const hexColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a color like #1a2b3c");

function range(min: number, max: number, unit: string, integer: boolean) {
  const bound = (integer ? z.number().int(`Use a whole number of ${unit}`) : z.number())
    .min(min, `At least ${min} ${unit}`)
    .max(max, `At most ${max} ${unit}`);
  return z
    .object({ min: bound, max: bound })
    .refine((r) => r.min <= r.max, { message: "The minimum is larger than the maximum", path: ["max"] });
}

export const synthesizeDatasetSchema = z.object({
  /** The new dataset's name. */
  name: datasetNameSchema,
  /** rec: one cropped text line per image; det: pages with several lines and their boxes. */
  task: z.enum(SYNTH_TASKS, "Choose rec or det"),
  /** words: a word list, each line a random pick of words; corpus: running text, each line a random passage. */
  textSource: z.enum(SYNTH_TEXT_SOURCES, "Choose words or corpus").default("words"),
  text: z
    .string()
    .max(MAX_SYNTH_TEXT_CHARS, `At most ${MAX_SYNTH_TEXT_CHARS.toLocaleString("en")} characters`)
    .refine((t) => t.trim() !== "", "Give at least one word"),
  /** Images to make: lines for rec, pages for det. */
  count: z
    .number("Give a number")
    .int("Use a whole number")
    .min(1, "Make at least 1 sample")
    .max(MAX_SYNTH_SAMPLES, `At most ${MAX_SYNTH_SAMPLES.toLocaleString("en")} samples per dataset`),
  /** Share of the samples written to the test label file. */
  testFraction: z.number("Give a number").min(0, "At least 0").max(0.5, "At most 0.5").default(0.1),
  /** Same seed and settings → byte-identical files. Absent: a random seed, reported back. */
  seed: z.number("Give a number").int("Use a whole number").min(0).max(2 ** 32 - 1).optional(),
  fonts: z.array(z.string().trim().min(1).max(200)).min(1, "Choose at least one font").max(32).default(["DejaVu Sans"]),
  fontSize: range(8, 128, "px", true).default({ min: 28, max: 36 }),
  textColors: z.array(hexColor).min(1, "Give at least one text color").max(16).default(["#111111"]),
  backgrounds: z.array(z.enum(SYNTH_BACKGROUNDS)).min(1, "Choose at least one background").max(3).default(["solid"]),
  backgroundColors: z.array(hexColor).min(1, "Give at least one background color").max(16).default(["#ffffff"]),
  /** Largest Gaussian blur sigma in pixels; each sample draws between 0 and this. */
  blur: z.number("Give a number").min(0, "At least 0").max(3, "At most 3 px").default(0),
  /** Largest pixel noise standard deviation in grey levels (0–255). */
  noise: z.number("Give a number").min(0, "At least 0").max(64, "At most 64").default(0),
  /** Largest rotation in degrees, either way. */
  rotation: z.number("Give a number").min(0, "At least 0").max(15, "At most 15°").default(0),
  wordsPerLine: range(1, 20, "words", true).default({ min: 1, max: 3 }),
  /** Longest line in characters; 25 is PaddleOCR's default max_text_length, longer rec labels are dropped in training. */
  maxChars: z.number("Give a number").int("Use a whole number").min(1, "At least 1").max(200, "At most 200").default(25),
  /** det only. */
  page: z
    .object({
      width: z.number().int().min(128, "At least 128 px").max(2048, "At most 2048 px"),
      height: z.number().int().min(128, "At least 128 px").max(2048, "At most 2048 px"),
      lines: range(1, 40, "lines", true),
    })
    .default({ width: 960, height: 720, lines: { min: 3, max: 8 } }),
});

export type SynthesizeDatasetInput = z.input<typeof synthesizeDatasetSchema>;
export type SynthesisOptions = z.output<typeof synthesizeDatasetSchema> & { seed: number };

/** What POST /api/v1/datasets:synthesize answers: the background job to follow. */
export const synthesisStartedSchema = z.object({
  jobId: z.string(),
  name: z.string(),
  seed: z.number().int(),
  /** Where the files go (s3:// or, for MinIO and the embedded store, minio://), registered as the dataset's source when done. */
  sourceUri: z.string(),
});
export type SynthesisStarted = z.infer<typeof synthesisStartedSchema>;

/** The job's result once it succeeded. */
export const synthesisResultSchema = z.object({
  datasetId: z.string(),
  name: z.string(),
  sourceUri: z.string(),
  seed: z.number().int(),
  train: z.number().int(),
  test: z.number().int(),
  boxes: z.number().int(),
  labelFiles: z.array(z.string()),
  /** The validation started on the new dataset (its first version, with statistics); null if it could not start. */
  validationJobId: z.string().nullable(),
});
export type SynthesisResult = z.infer<typeof synthesisResultSchema>;

/** GET /api/v1/datasets:synthesize — what the generator can use on this server. */
export const synthesisCapabilitiesSchema = z.object({
  fonts: z.array(z.string()),
  /** Whether a font with CJK glyphs is installed (Chinese text renders as boxes without one). */
  cjk: z.boolean(),
  defaults: z.record(z.string(), z.unknown()),
});
export type SynthesisCapabilities = z.infer<typeof synthesisCapabilitiesSchema>;
