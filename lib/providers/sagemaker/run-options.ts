import { z } from "zod";

// A SageMaker run's own launch fields, validated when a run is created or rendered. `resources`
// sizes the training cluster, `targetOptions` holds everything else CreateTrainingJob takes.

/** Instance types offered first in the form; any `ml.*` type SageMaker knows is accepted. */
export const SAGEMAKER_TRAINING_INSTANCE_TYPES = [
  "ml.g4dn.xlarge",
  "ml.g4dn.2xlarge",
  "ml.g4dn.12xlarge",
  "ml.g5.xlarge",
  "ml.g5.2xlarge",
  "ml.g5.12xlarge",
  "ml.p3.2xlarge",
  "ml.p3.8xlarge",
  "ml.m5.xlarge",
  "ml.m5.2xlarge",
  "ml.c5.2xlarge",
] as const;

export const TRAINING_INPUT_MODES = ["File", "FastFile", "Pipe"] as const;

/** SageMaker's own upper bound for MaxRuntimeInSeconds and MaxWaitTimeInSeconds: 28 days. */
const MAX_SECONDS = 28 * 24 * 3600;

const s3Uri = z
  .string()
  .trim()
  .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/, "Write an s3://bucket/prefix URI");

const tagKey = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, "Tags use letters, digits, spaces and _ . : / = + - @")
  .refine((key) => !key.toLowerCase().startsWith("aws:"), "Tag keys starting with aws: are reserved");

export const sagemakerResourcesSchema = z.object({
  instanceType: z
    .string()
    .trim()
    .regex(/^ml\.[a-z0-9-]+\.[a-z0-9]+$/, "An instance type like ml.g4dn.xlarge")
    .default("ml.g4dn.xlarge"),
  instanceCount: z.coerce.number().int("Whole instances").min(1, "At least one instance").max(100).default(1),
  volumeSizeGb: z.coerce.number().int().min(1, "At least 1 GB").max(16_384).default(50),
  maxRuntimeSeconds: z.coerce.number().int().min(60, "At least a minute").max(MAX_SECONDS, "At most 28 days").default(86_400),
});

export const metricDefinitionSchema = z.object({
  name: z.string().trim().min(1).max(255),
  regex: z
    .string()
    .min(1)
    .max(500)
    .refine((regex) => {
      try {
        return new RegExp(regex).source.includes("(");
      } catch {
        return false;
      }
    }, "A regular expression with one capture group for the value"),
});

export const sagemakerTargetOptionsSchema = z.object({
  inputMode: z.enum(TRAINING_INPUT_MODES).default("File"),
  /** Managed spot training: cheaper, may be interrupted; resumes from checkpoints. */
  spot: z.boolean().default(false),
  /** Spot only: how long to wait for capacity plus run, at least the max runtime (default: the max runtime). */
  maxWaitSeconds: z.coerce.number().int().min(60).max(MAX_SECONDS).optional(),
  /** Sync PaddleOCR's save_model_dir to S3 while training (CheckpointConfig). */
  checkpoints: z.boolean().default(true),
  /** Sync the VisualDL records to S3 while training (TensorBoardOutputConfig). */
  visualdl: z.boolean().default(true),
  /** Absent: the PaddleOCR regexes for loss, lr, hmean / acc. */
  metricDefinitions: z.array(metricDefinitionSchema).max(40, "SageMaker takes at most 40 metric definitions").optional(),
  /** Extra hyperparameters for the container, beside the config path and config changes. */
  hyperparameters: z.record(z.string().min(1).max(256), z.string().max(2500)).default({}),
  environment: z
    .record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "Environment names are letters, digits and _").max(512), z.string().max(512))
    .default({}),
  tags: z.record(tagKey, z.string().max(256).regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, "Tags use letters, digits, spaces and _ . : / = + - @")).default({}),
  /** Override the dataset's channels (otherwise its copy under the target's S3 prefix). */
  trainChannel: s3Uri.optional(),
  testChannel: s3Uri.optional(),
});

export const sagemakerRunOptionsSchema = z
  .object({
    resources: sagemakerResourcesSchema.default(sagemakerResourcesSchema.parse({})),
    targetOptions: sagemakerTargetOptionsSchema.default(sagemakerTargetOptionsSchema.parse({})),
  })
  .superRefine((options, ctx) => {
    const { spot, maxWaitSeconds } = options.targetOptions;
    if (maxWaitSeconds !== undefined && !spot) {
      ctx.addIssue({ code: "custom", path: ["targetOptions", "maxWaitSeconds"], message: "Max wait applies to spot training only" });
    }
    if (spot && maxWaitSeconds !== undefined && maxWaitSeconds < options.resources.maxRuntimeSeconds) {
      ctx.addIssue({ code: "custom", path: ["targetOptions", "maxWaitSeconds"], message: "Max wait must be at least the max runtime" });
    }
  });

export type SagemakerResources = z.infer<typeof sagemakerResourcesSchema>;
export type SagemakerTargetOptions = z.infer<typeof sagemakerTargetOptionsSchema>;
export type SagemakerRunOptions = z.infer<typeof sagemakerRunOptionsSchema>;
