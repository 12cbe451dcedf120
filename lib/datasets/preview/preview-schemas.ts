import { z } from "zod";
import { DATASET_TASKS, datasetStatsSchema } from "@/lib/schemas/datasets";

// The preview's requests and answers, shared by the route handlers, the page and the OpenAPI list.

export const SAMPLE_SPLITS = ["train", "test"] as const;
export type SampleSplit = (typeof SAMPLE_SPLITS)[number];

export const sampleQuerySchema = z.object({
  split: z.enum(SAMPLE_SPLITS, "Use split=train or split=test").default("train"),
  /** Case-insensitive text to find in rec labels or det transcriptions. */
  q: z.string().trim().max(200, "Search for at most 200 characters").optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(24),
});
export type SampleQuery = z.input<typeof sampleQuerySchema>;

const pointSchema = z.tuple([z.number(), z.number()]);

export const sampleSchema = z.object({
  /** 1-based line in the label file. */
  line: z.number().int(),
  /** As written in the label file, relative to the dataset root; null when the line names none. */
  imagePath: z.string().nullable(),
  /** Size after EXIF orientation (the frame boxes refer to); null when the image is missing or unreadable. */
  image: z.object({ width: z.number().int(), height: z.number().int() }).nullable(),
  /** Why the image cannot be shown, in words. */
  imageProblem: z.string().nullable(),
  /** rec text, or the cls label (0 / 180). */
  text: z.string().nullable(),
  /** det boxes; empty for rec and cls. */
  boxes: z.array(z.object({ transcription: z.string(), points: z.array(pointSchema), ignored: z.boolean() })),
  /** The first problem with the label line itself (malformed, bad JSON …), as validation words it. */
  labelProblem: z.string().nullable(),
});
export type Sample = z.infer<typeof sampleSchema>;

export const samplePageSchema = z.object({
  task: z.enum(DATASET_TASKS),
  split: z.enum(SAMPLE_SPLITS),
  labelFile: z.string(),
  items: z.array(sampleSchema),
  /** Continue here; null at the end of the label file. */
  nextCursor: z.string().nullable(),
  /** Lines read for this page (a search reads on until it fills the page or hits its budget). */
  linesScanned: z.number().int(),
});
export type SamplePage = z.infer<typeof samplePageSchema>;

export const sampleImageQuerySchema = z.object({
  path: z.string().min(1, "Give the image path from the label file").max(1024),
  size: z.enum(["thumb", "full"]).default("full"),
});

/** The distributions validation computes (ValidationReport["stats"]), as a dataset version stores them. */
export const labelStatsSchema = datasetStatsSchema;
export type LabelStatsView = z.infer<typeof labelStatsSchema>;

export const datasetStatsViewSchema = z.object({
  /** version: stored with the validated dataset version; computed: read from the files just now. */
  source: z.enum(["version", "computed"]),
  version: z.number().int().nullable(),
  task: z.enum(DATASET_TASKS),
  stats: labelStatsSchema,
});
export type DatasetStatsView = z.infer<typeof datasetStatsViewSchema>;
