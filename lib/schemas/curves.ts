import { z } from "zod";

export const curvesQuerySchema = z.object({
  /** VisualDL's smoothing weight, 0 (none) to 0.99. */
  smoothing: z.coerce.number().min(0).max(0.99).default(0.6),
  /** Points per chart after reduction (min/max per bucket keeps spikes). */
  maxPoints: z.coerce.number().int().min(16).max(20_000).default(2_000),
});

export const compareCurvesQuerySchema = curvesQuerySchema.extend({
  runs: z
    .string()
    .transform((value) => value.split(",").map((id) => id.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(100)).min(2, "Pick at least two runs").max(6, "Compare at most six runs")),
});

export const curveTagQuerySchema = z.object({ tag: z.string().min(1).max(500) });
export const curveImageQuerySchema = curveTagQuerySchema.extend({ step: z.coerce.number().int().min(0) });

const scalarCurveSchema = z.object({
  tag: z.string(),
  group: z.string(),
  points: z.array(z.tuple([z.number(), z.number(), z.number(), z.number()])).describe("[step, wall time ms, value, smoothed]"),
  count: z.number().int(),
  last: z.object({ step: z.number(), value: z.number() }).nullable(),
  best: z.object({ step: z.number(), value: z.number() }).nullable(),
  better: z.enum(["lower", "higher"]),
});

export const curvesSchema = z.object({
  /** False when the run has no VisualDL logs to read (VisualDL off, or not started). */
  available: z.boolean(),
  message: z.string().nullable(),
  /** The run has its own VisualDL server, reachable through /api/v1/runs/{id}/visualdl/. */
  visualDlUi: z.boolean(),
  lastDataAt: z.iso.datetime().nullable(),
  bytesRead: z.number(),
  scalars: z.array(scalarCurveSchema),
  images: z.array(z.object({ tag: z.string(), steps: z.array(z.object({ step: z.number(), timestampMs: z.number() })) })),
  texts: z.array(z.object({ tag: z.string(), entries: z.array(z.object({ step: z.number(), timestampMs: z.number(), text: z.string() })) })),
  histograms: z.array(z.object({ tag: z.string(), entries: z.array(z.object({ step: z.number(), hist: z.array(z.number()), binEdges: z.array(z.number()) })) })),
});

export const compareCurvesSchema = z.object({
  runs: z.array(z.object({ id: z.string(), name: z.string(), state: z.string(), available: z.boolean(), lastDataAt: z.iso.datetime().nullable(), scalars: z.array(scalarCurveSchema) })),
});

export type CurvesQuery = z.infer<typeof curvesQuerySchema>;
export type CurvesResponse = z.infer<typeof curvesSchema>;
export type CompareCurvesResponse = z.infer<typeof compareCurvesSchema>;
export type ScalarCurveView = z.infer<typeof scalarCurveSchema>;
