import { z } from "zod";

// A sagemaker endpoint's own settings (EndpointDeployment.config): the serving image and fleet,
// auto scaling, how updates roll out, and how the playground talks to the container.

export const DEPLOYMENT_TYPES = ["ALL_AT_ONCE", "CANARY", "LINEAR"] as const;
export const INVOCATION_MODES = ["raw", "s3-reference", "json-base64"] as const;
export const RESPONSE_FORMATS = ["auto", "seed", "paddleocr", "console", "paddle-serving-pipeline", "paddlehub", "paddlex", "custom"] as const;

const fleetSchema = z.object({
  instanceType: z
    .string()
    .trim()
    .regex(/^ml\.[a-z0-9-]+\.[a-z0-9]+$/, "An instance type like ml.m5.xlarge")
    .default("ml.m5.xlarge"),
  instanceCount: z.coerce.number().int().min(1).max(100).default(1),
});

export const autoscalingSchema = z
  .object({
    minInstances: z.coerce.number().int().min(1, "SageMaker variants keep at least one instance").max(100).default(1),
    maxInstances: z.coerce.number().int().min(1).max(100).default(4),
    /** Target of SageMakerVariantInvocationsPerInstance (invocations per instance per minute). */
    targetInvocationsPerInstance: z.coerce.number().positive().max(100_000).default(100),
    scaleInCooldownSeconds: z.coerce.number().int().min(0).max(86_400).default(300),
    scaleOutCooldownSeconds: z.coerce.number().int().min(0).max(86_400).default(60),
  })
  .refine((scaling) => scaling.maxInstances >= scaling.minInstances, { message: "Max instances must be at least min instances", path: ["maxInstances"] });

export const deploymentPolicySchema = z.object({
  type: z.enum(DEPLOYMENT_TYPES).default("ALL_AT_ONCE"),
  /** CANARY: share of the new fleet's capacity that takes traffic first. */
  canaryPercent: z.coerce.number().int().min(1).max(99).default(10),
  /** LINEAR: share added at each step. */
  linearStepPercent: z.coerce.number().int().min(1).max(99).default(25),
  /** Wait after each traffic step (the canary's baking time), watching the alarms. */
  waitSeconds: z.coerce.number().int().min(0).max(3600).default(300),
  /** Wait after all traffic moved before the old fleet goes, still watching the alarms. */
  terminationWaitSeconds: z.coerce.number().int().min(0).max(3600).default(0),
  maximumExecutionTimeoutSeconds: z.coerce.number().int().min(600).max(28_800).optional(),
  /** CloudWatch alarms that roll the update back when they fire. */
  rollbackAlarms: z.array(z.string().trim().min(1).max(255)).max(10).default([]),
});

export const invocationMappingSchema = z.object({
  /**
   * raw: the image bytes as the body; s3-reference: the image is uploaded under the target's prefix
   * and the seed's `{"bucket", "image_uri", "content_type"}` JSON is sent; json-base64: `{"image": <base64>}`.
   */
  mode: z.enum(INVOCATION_MODES).default("raw"),
  /** Content type of raw requests (default: the image's own type). */
  contentType: z.string().trim().max(200).optional(),
  /**
   * A JSON body to send instead, with placeholders: {{bucket}}, {{key}}, {{s3uri}} (the uploaded
   * image), {{base64}}, {{contentType}}, {{params}} (the OCR parameters as JSON).
   */
  requestTemplate: z
    .string()
    .max(10_000)
    .optional()
    .refine((template) => template === undefined || isJsonTemplate(template), "Not JSON once the placeholders are filled in"),
  response: z.enum(RESPONSE_FORMATS).default("auto"),
  /** For response "custom": dotted paths to the list of lines and, inside each line, its text, score and box. */
  responsePaths: z
    .object({
      lines: z.string().trim().max(200).default(""),
      text: z.string().trim().min(1).max(200).default("text"),
      score: z.string().trim().max(200).default("score"),
      box: z.string().trim().min(1).max(200).default("box"),
    })
    .optional(),
});

export const sagemakerEndpointConfigSchema = z.object({
  /** Serving image (ECR URI) answering /ping and /invocations on 8080; default: the target's. */
  image: z.string().trim().max(255).regex(/^\S+$/).optional(),
  primary: fleetSchema.default(fleetSchema.parse({})),
  canary: fleetSchema.default(fleetSchema.parse({})),
  environment: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/).max(1024), z.string().max(1024)).default({}),
  /** Auto scaling per variant on SageMakerVariantInvocationsPerInstance; absent: fixed instance counts. */
  autoscaling: autoscalingSchema.optional(),
  deployment: deploymentPolicySchema.default(deploymentPolicySchema.parse({})),
  invocation: invocationMappingSchema.default(invocationMappingSchema.parse({})),
});

export type SagemakerEndpointConfig = z.infer<typeof sagemakerEndpointConfigSchema>;
export type InvocationMapping = z.infer<typeof invocationMappingSchema>;
export type AutoscalingSettings = z.infer<typeof autoscalingSchema>;
export type DeploymentPolicy = z.infer<typeof deploymentPolicySchema>;

function isJsonTemplate(template: string): boolean {
  try {
    JSON.parse(template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => (name === "params" ? "{}" : "x")));
    return true;
  } catch {
    return false;
  }
}
