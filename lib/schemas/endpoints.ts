import { z } from "zod";
import { ocrOverridesSchema } from "@/lib/ocr/params";
import { targetNameSchema } from "./targets";

export const ENDPOINT_STATES = ["starting", "ready", "failed", "stopped"] as const;

export const BUILTIN_MODEL = { modelName: "pp-ocrv4", version: "1" } as const;

export const endpointNameSchema = targetNameSchema;

const modelVersionRefSchema = z.object({ name: z.string().trim().min(1).max(200), version: z.string().trim().min(1).max(200) });
const percentSchema = z.coerce.number().int("A whole percentage").min(0, "At least 0%").max(100, "At most 100%");

/**
 * Serving settings of a container target, validated by the target kind's own schema when the
 * endpoint's target is known — kubernetes: image, port, resources {cpu, memory, gpus}, autoscaling
 * {minScale, maxScale, autoscaler, metric (concurrency|rps|cpu), target, window}, predictPath, arg;
 * sagemaker: image, primary/canary {instanceType, instanceCount}, environment, autoscaling
 * {minInstances, maxInstances, targetInvocationsPerInstance, scale-in/out cooldowns}, deployment
 * {type ALL_AT_ONCE|CANARY|LINEAR, canaryPercent, linearStepPercent, waitSeconds,
 * terminationWaitSeconds, rollbackAlarms}, invocation {mode, contentType, requestTemplate, response,
 * responsePaths}. The local target has none.
 */
export const servingConfigSchema = z
  .record(z.string(), z.unknown())
  .describe("Target-specific serving settings (image, resources, autoscaling, deployment policy, invocation mapping), checked by the target kind's schema");

export const createEndpointSchema = z.object({
  name: endpointNameSchema,
  target: targetNameSchema.default("local"),
  model: modelVersionRefSchema.default({ name: BUILTIN_MODEL.modelName, version: BUILTIN_MODEL.version }),
  /** PaddleOCR parameters for this endpoint (det_db_thresh, use_cls, …); requests may override them. */
  params: ocrOverridesSchema.default({}),
  /** Container targets: serving settings, checked against the target kind's own schema. */
  config: servingConfigSchema.optional(),
});

export const VARIANT_ROLES = ["primary", "canary"] as const;

export const endpointVariantSchema = z.object({
  role: z.enum(VARIANT_ROLES),
  model: z.object({ name: z.string(), version: z.string() }),
  trafficPercent: z.number().int(),
  since: z.iso.datetime(),
});

/** One variant (Knative revision, SageMaker production variant) as the backend reports it now. */
export const liveVariantSchema = z.object({
  name: z.string(),
  role: z.enum(VARIANT_ROLES).nullable(),
  weight: z.number().nullable(),
  desiredWeight: z.number().nullable(),
  instances: z.number().nullable(),
  desiredInstances: z.number().nullable(),
  statuses: z.array(z.string()),
  /** The new fleet of a blue/green update still rolling out. */
  pending: z.boolean(),
});

export const liveStatusSchema = z.object({
  phase: z.string().nullable(),
  /** Without credentials or query string. */
  url: z.string().nullable(),
  variants: z.array(liveVariantSchema),
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
  // Added with canary releases; optional so older clients and fixtures stay valid.
  /** The model versions served, as desired: the primary and, during a canary release, the canary with their traffic share. */
  variants: z.array(endpointVariantSchema).optional(),
  /** The serving settings (container targets); {} on the local target. */
  config: z.record(z.string(), z.unknown()).optional(),
  /** Whether the target can split traffic between two versions (Kubernetes, SageMaker; not local). */
  canSplitTraffic: z.boolean().optional(),
  /** What the backend reports beyond the state; null when it reports nothing more (local). */
  live: liveStatusSchema.nullable().optional(),
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

/** POST /api/v1/endpoints/{name}/canary — a second model version beside the primary, taking a share of traffic. */
export const deployCanarySchema = z.object({
  model: modelVersionRefSchema,
  trafficPercent: percentSchema.default(10),
});

/** POST /api/v1/endpoints/{name}/traffic — the canary's share; the primary takes the rest. */
export const shiftTrafficSchema = z.object({ canaryPercent: percentSchema });

/**
 * POST /api/v1/endpoints/{name}:promote and :rollback. Naming the canary makes the step conditional:
 * it is refused if another version has become the canary since the caller looked.
 */
export const canaryDecisionSchema = z.object({ canary: modelVersionRefSchema.optional() });

/** PATCH /api/v1/endpoints/{name} — serving settings and/or PaddleOCR parameters; what is absent stays. */
export const updateEndpointSettingsSchema = z
  .object({ params: ocrOverridesSchema.optional(), config: servingConfigSchema.optional() })
  .refine((input) => input.params !== undefined || input.config !== undefined, { message: "Send config and/or params" });

export type DeployCanaryInput = z.input<typeof deployCanarySchema>;
export type ShiftTrafficInput = z.input<typeof shiftTrafficSchema>;
export type UpdateEndpointSettingsInput = z.input<typeof updateEndpointSettingsSchema>;
export type EndpointVariantView = z.infer<typeof endpointVariantSchema>;
export type LiveStatusView = z.infer<typeof liveStatusSchema>;
