import { z } from "zod";
import { listQuerySchema } from "./pagination";
import { targetNameSchema } from "./targets";

// The run contract shared by the runs pages, the REST API, server actions and every target.
// Target-specific fields live in `resources` and `targetOptions`, each validated by the target's own
// schema (lib/providers/<kind>/run-options.ts) when the run is created or rendered.

export const RUN_STATES = ["Queued", "Starting", "Running", "Succeeded", "Failed", "Stopping", "Stopped"] as const;
export const ACTIVE_RUN_STATES = ["Queued", "Starting", "Running", "Stopping"] as const;

export const runNameSchema = z
  .string()
  .trim()
  .min(1, "Give the run a name")
  .max(52, "At most 52 characters (Kubernetes names derive from it)")
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "Lowercase letters, digits and '-', starting and ending with a letter or digit");

/** PaddleOCR's `-o` syntax: `Global.epoch_num=10`, `Train.dataset.data_dir=/mnt/data`. */
export const configChangeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][\w]*(\.[\w]+)+=.*$/, "Write a change as Key.Sub=value, e.g. Global.epoch_num=10");

export const createRunSchema = z.object({
  /** Generated from the model name and time when empty. */
  name: runNameSchema.optional(),
  target: targetNameSchema,
  dataset: z.string().trim().min(1).max(100).nullable().default(null),
  /** A dataset version number; the latest valid version when absent. */
  datasetVersion: z.number().int().positive().nullable().default(null),
  modelName: z.string().trim().min(1, "Name the model this run trains").max(100).regex(/^[A-Za-z0-9][\w.-]*$/, "Letters, digits, '.', '_' and '-'"),
  configPath: z.string().trim().min(1, "Pick a PaddleOCR config").max(300),
  configChanges: z.array(configChangeSchema).max(200).default([]),
  pretrainedModel: z.string().trim().max(500).nullable().default(null),
  image: z.string().trim().max(300).nullable().default(null),
  resources: z.record(z.string(), z.unknown()).default({}),
  targetOptions: z.record(z.string(), z.unknown()).default({}),
  /** The run this one was cloned from (id or name), recorded as lineage. */
  clonedFrom: z.string().trim().max(100).nullable().default(null),
});

export const runEventSchema = z.object({
  at: z.iso.datetime(),
  state: z.enum(RUN_STATES),
  phase: z.string().nullable(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
});

export const runSchema = z.object({
  id: z.string(),
  name: z.string(),
  target: z.string(),
  targetKind: z.enum(["local", "kubernetes", "sagemaker"]),
  dataset: z.object({ name: z.string(), version: z.number().int().nullable() }).nullable(),
  modelName: z.string(),
  configPath: z.string(),
  configChanges: z.array(z.string()),
  pretrainedModel: z.string().nullable(),
  image: z.string().nullable(),
  resources: z.record(z.string(), z.unknown()),
  targetOptions: z.record(z.string(), z.unknown()),
  externalId: z.string().nullable(),
  state: z.enum(RUN_STATES),
  phase: z.string().nullable(),
  failureReason: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  exitSignal: z.string().nullable(),
  metrics: z.record(z.string(), z.number()),
  keyMetric: z.object({ name: z.string(), value: z.number() }).nullable(),
  outputs: z.record(z.string(), z.unknown()),
  attempt: z.number().int(),
  clonedFrom: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  /** Seconds between start and finish (or now while running). */
  durationSeconds: z.number().nullable(),
});

export const RUN_SORT_FIELDS = ["createdAt", "keyMetric", "name", "state"] as const;

export const listRunsQuerySchema = listQuerySchema.extend({
  state: z.enum(RUN_STATES).optional(),
  target: z.string().max(100).optional(),
  dataset: z.string().max(100).optional(),
  /** Matches run name or model name. */
  q: z.string().trim().max(100).optional(),
  sort: z.enum(RUN_SORT_FIELDS).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
});

export const renderedRequestSchema = z.object({
  language: z.enum(["yaml", "json", "shell"]),
  text: z.string(),
  body: z.unknown(),
});

export const stopRunsSchema = z.object({ runs: z.array(z.string().min(1)).min(1).max(200) });
export const deleteRunSchema = z.object({ deleteOutputs: z.boolean().default(false) });
export const compareRunsQuerySchema = z.object({ runs: z.array(z.string().min(1)).min(2, "Pick at least two runs").max(6, "Compare at most six runs") });

/** `true` / `1` / `false` / `0` from a query string (z.coerce.boolean would read "false" as true). */
const queryFlag = z
  .union([z.boolean(), z.enum(["true", "false", "1", "0"])])
  .transform((value) => value === true || value === "true" || value === "1")
  .default(false);

export const logQuerySchema = z.object({
  stream: z.string().max(300).optional(),
  follow: queryFlag,
  since: z.iso.datetime().optional(),
  /** Kubernetes: the previous container's log (after a restart). */
  previous: queryFlag,
});

export type CreateRunInput = z.input<typeof createRunSchema>;
export type CreateRun = z.infer<typeof createRunSchema>;
export type RunView = z.infer<typeof runSchema>;
export type RunEventView = z.infer<typeof runEventSchema>;
export type ListRunsQuery = z.infer<typeof listRunsQuerySchema>;
export type RunStateName = (typeof RUN_STATES)[number];
