import { z } from "zod";
import { runSchema } from "@/lib/schemas/runs";

// The runs domain's answers beyond lib/schemas/runs.ts: comparison, metric series, model
// registration, bulk stop and training readiness. Pages, server actions and REST share them.

export const runMetricPointSchema = z.object({
  step: z.number().int(),
  epoch: z.number().int().nullable(),
  value: z.number(),
  at: z.iso.datetime(),
});

/** One metric's points; names follow PaddleOCR's VisualDL tags (`TRAIN/loss`, `EVAL/hmean`, `EVAL/best_hmean`). */
export const runMetricSeriesSchema = z.object({
  name: z.string(),
  /** log | visualdl | backend */
  source: z.string(),
  points: z.array(runMetricPointSchema),
});

export const runMetricsQuerySchema = z.object({
  /** Comma-separated series names; all series when absent. */
  names: z
    .string()
    .max(1000)
    .optional()
    .transform((value) => (value ? value.split(",").map((name) => name.trim()).filter(Boolean) : undefined)),
  /** At most this many points per series (evenly thinned, first and last kept). */
  maxPoints: z.coerce.number().int().min(2).max(20_000).default(2000),
});

export const comparedParameterSchema = z.object({
  /** `target`, `dataset`, `configPath`, `config.Global.epoch_num`, `resources.gpus` … */
  name: z.string(),
  /** One value per compared run, in the order of `runs`; null where the run does not set it. */
  values: z.array(z.string().nullable()),
  differs: z.boolean(),
});

export const comparedMetricSchema = z.object({
  name: z.string(),
  /** The last value of each run (null when the run has none). */
  final: z.array(z.number().nullable()),
  /** The best value of each run: the highest, or the lowest for losses and costs. */
  best: z.array(z.number().nullable()),
  higherIsBetter: z.boolean(),
});

export const runComparisonSchema = z.object({
  runs: z.array(runSchema),
  parameters: z.array(comparedParameterSchema),
  metrics: z.array(comparedMetricSchema),
  /** Metric series of each run, in the order of `runs`, for overlaid curves. */
  series: z.array(z.object({ runId: z.string(), series: z.array(runMetricSeriesSchema) })),
});

export const registerRunModelSchema = z.object({
  /** The run's model name when absent. */
  modelName: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9][\w.-]*$/, "Letters, digits, '.', '_' and '-'")
    .optional(),
  /** The next integer version when absent. */
  version: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][\w.-]*$/, "Letters, digits, '.', '_' and '-'")
    .optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
});

export const registeredModelSchema = z.object({ modelName: z.string(), version: z.string(), storageUri: z.string() });

export const stopRunsResultSchema = z.object({
  /** Every named run as it is after the request (Stopping, Stopped, or already finished). */
  items: z.array(runSchema),
});

/** Whether a target can train now, checked (e.g. "PaddleOCR not found at …"); shown on the new-run form. */
export const trainingReadinessSchema = z.object({
  target: z.string(),
  kind: z.enum(["local", "kubernetes", "sagemaker"]),
  ok: z.boolean(),
  message: z.string(),
});

export type RunMetricPoint = z.infer<typeof runMetricPointSchema>;
export type RunMetricSeries = z.infer<typeof runMetricSeriesSchema>;
export type RunMetricsQuery = z.input<typeof runMetricsQuerySchema>;
export type RunComparison = z.infer<typeof runComparisonSchema>;
export type RegisterRunModelInput = z.input<typeof registerRunModelSchema>;
export type RegisteredModel = z.infer<typeof registeredModelSchema>;
export type StopRunsResult = z.infer<typeof stopRunsResultSchema>;
export type TrainingReadiness = z.infer<typeof trainingReadinessSchema>;
