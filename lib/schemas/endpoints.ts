import { z } from "zod";
import { ocrOverridesSchema } from "@/lib/ocr/params";
import { targetNameSchema } from "./targets";

export const ENDPOINT_STATES = ["starting", "ready", "failed", "stopped"] as const;

export const BUILTIN_MODEL = { modelName: "pp-ocrv4", version: "1" } as const;

export const endpointNameSchema = targetNameSchema;

export const createEndpointSchema = z.object({
  name: endpointNameSchema,
  target: targetNameSchema.default("local"),
  model: z
    .object({ name: z.string().trim().min(1).max(200), version: z.string().trim().min(1).max(200) })
    .default({ name: BUILTIN_MODEL.modelName, version: BUILTIN_MODEL.version }),
  /** PaddleOCR parameters for this endpoint (det_db_thresh, use_cls, …); requests may override them. */
  params: ocrOverridesSchema.default({}),
});

export const endpointSchema = z.object({
  id: z.string(),
  name: z.string(),
  target: z.string(),
  targetKind: z.string(),
  model: z.object({ name: z.string(), version: z.string() }),
  params: z.record(z.string(), z.unknown()),
  state: z.enum(ENDPOINT_STATES),
  reason: z.string().nullable(),
  restarts: z.number().int(),
  createdAt: z.iso.datetime(),
});

const point = z.tuple([z.number(), z.number()]);

export const predictionSchema = z.object({
  id: z.string(),
  lines: z.array(z.object({ text: z.string(), score: z.number(), box: z.tuple([point, point, point, point]) })),
  timings: z.object({ decodeMs: z.number(), detMs: z.number(), clsMs: z.number(), recMs: z.number(), totalMs: z.number() }),
  width: z.number(),
  height: z.number(),
  latencyMs: z.number(),
});

export const predictBodySchema = z.object({
  image: z.string().min(1, "Send the image as base64"),
  params: ocrOverridesSchema.optional(),
});

export type CreateEndpointInput = z.input<typeof createEndpointSchema>;
export type EndpointView = z.infer<typeof endpointSchema>;
export type PredictionView = z.infer<typeof predictionSchema>;
export type EndpointState = (typeof ENDPOINT_STATES)[number];

export const rerunSchema = z.object({ endpoint: endpointNameSchema });
