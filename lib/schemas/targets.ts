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
  storageClass: optionalText(253),
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
  endpointOverride: z.preprocess(emptyToUndefined, z.url("Not a URL").optional()),
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
