import { z } from "zod";

// One schema per target kind, used by the settings form's server action, the REST API and the
// OpenAPI document. Secret fields are write-only: they are accepted here, encrypted at rest, and
// never returned (see lib/targets/target-view.ts).

export const targetNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(63, "Name must be at most 63 characters")
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "Use lowercase letters, digits and dashes (like a Kubernetes name)");

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalText = (max = 4096) => z.preprocess(emptyToUndefined, z.string().trim().max(max).optional());

export const kubernetesTargetConfigSchema = z.object({
  connection: z.enum(["kubeconfig-file", "kubeconfig-inline", "in-cluster"]).default("kubeconfig-file"),
  kubeconfigPath: optionalText(),
  context: optionalText(253),
  namespace: z
    .string()
    .trim()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "Not a valid namespace name")
    .max(63)
    .default("kubeflow"),
  /** Storage class of the runs' shared volumes (ReadWriteMany); the cluster's default when empty. */
  storageClass: optionalText(253),
  /** MinIO as pods inside the cluster reach it: model hub uploads, serving downloads, dataset sources. */
  minioEndpoint: z.preprocess(emptyToUndefined, z.url("Not a URL").default("http://minio-service.kubeflow:9000")),
  /** The SampleSet datasets are cached in (PaddleCloud's `data-center`) and its cache partitions. */
  sampleSetName: z.preprocess(emptyToUndefined, z.string().trim().max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "Not a valid Kubernetes name").default("data-center")),
  sampleSetPartitions: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(64).default(1)),
  /** Names of Secrets in the namespace, referenced by the objects and never copied: the cache engine's (JuiceFS), … */
  cacheSecret: z.preprocess(emptyToUndefined, z.string().trim().max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "Not a valid Secret name").default("data-center")),
  /** … the dataset sources' credentials (SampleJob sync), … */
  sourceSecret: z.preprocess(emptyToUndefined, z.string().trim().max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "Not a valid Secret name").default("data-source")),
  /** … and MinIO's keys (`access-key`, `secret-key`) for the model hub upload. */
  modelHubSecret: z.preprocess(emptyToUndefined, z.string().trim().max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "Not a valid Secret name").default("data-center")),
  /** Optional pull secret for private registries. */
  imagePullSecret: z.preprocess(emptyToUndefined, z.string().trim().max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "Not a valid Secret name").optional()),
});

export const kubernetesTargetSecretsSchema = z.object({
  /** Contents of a kubeconfig, for connection "kubeconfig-inline". */
  kubeconfig: optionalText(1_000_000),
});

export const sagemakerTargetConfigSchema = z.object({
  region: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "Not an AWS region (like us-east-1)"),
  roleArn: z
    .string()
    .trim()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\-/]{1,512}$/, "Not an IAM role ARN (arn:aws:iam::123456789012:role/…)"),
  s3OutputPrefix: z
    .string()
    .trim()
    .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/, "Not an s3:// URI"),
  /** One URL for every AWS service of the target (a LocalStack-style gateway, a test server); the per-service fields win. */
  endpointOverride: z.preprocess(emptyToUndefined, z.url("Not a URL").optional()),
  /** Per-service endpoints, e.g. VPC interface endpoints without private DNS. */
  sagemakerEndpoint: z.preprocess(emptyToUndefined, z.url("Not a URL").optional()),
  runtimeEndpoint: z.preprocess(emptyToUndefined, z.url("Not a URL").optional()),
  logsEndpoint: z.preprocess(emptyToUndefined, z.url("Not a URL").optional()),
  autoscalingEndpoint: z.preprocess(emptyToUndefined, z.url("Not a URL").optional()),
  stsEndpoint: z.preprocess(emptyToUndefined, z.url("Not a URL").optional()),
  s3Endpoint: z.preprocess(emptyToUndefined, z.url("Not a URL").optional()),
  /** Defaults for the run and endpoint forms: the PaddleOCR training and serving images (ECR URIs). */
  trainingImage: z.preprocess(emptyToUndefined, z.string().trim().max(255).regex(/^\S+$/, "An image URI has no spaces").optional()),
  servingImage: z.preprocess(emptyToUndefined, z.string().trim().max(255).regex(/^\S+$/, "An image URI has no spaces").optional()),
});

export const sagemakerTargetSecretsSchema = z.object({
  accessKeyId: optionalText(128),
  secretAccessKey: optionalText(256),
  sessionToken: optionalText(4096),
});

export const createTargetSchema = z.discriminatedUnion("kind", [
  z.object({
    name: targetNameSchema,
    kind: z.literal("kubernetes"),
    config: kubernetesTargetConfigSchema,
    secrets: kubernetesTargetSecretsSchema.default({}),
  }),
  z.object({
    name: targetNameSchema,
    kind: z.literal("sagemaker"),
    config: sagemakerTargetConfigSchema,
    secrets: sagemakerTargetSecretsSchema.default({}),
  }),
]);

export type KubernetesTargetConfig = z.infer<typeof kubernetesTargetConfigSchema>;
export type KubernetesTargetSecrets = z.infer<typeof kubernetesTargetSecretsSchema>;
export type SagemakerTargetConfig = z.infer<typeof sagemakerTargetConfigSchema>;
export type SagemakerTargetSecrets = z.infer<typeof sagemakerTargetSecretsSchema>;
export type CreateTargetInput = z.infer<typeof createTargetSchema>;

export const TARGET_KINDS = ["local", "kubernetes", "sagemaker"] as const;

export const connectionCheckSchema = z.object({
  ok: z.boolean(),
  summary: z.string(),
  items: z.array(z.object({ name: z.string(), ok: z.boolean(), message: z.string() })),
  checkedAt: z.iso.datetime(),
  durationMs: z.number(),
});

/** What the browser and the API see of a target: its settings, and only the *names* of secrets set. */
export const targetSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(TARGET_KINDS),
  config: z.record(z.string(), z.unknown()),
  secretsSet: z.array(z.string()),
  lastCheck: z
    .object({ ok: z.boolean(), message: z.string(), at: z.iso.datetime() })
    .nullable(),
  createdAt: z.iso.datetime(),
});

export type TargetView = z.infer<typeof targetSchema>;
