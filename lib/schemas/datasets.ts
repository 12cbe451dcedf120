import { z } from "zod";
import { jobSchema } from "./jobs";

export const DATASET_TASKS = ["det", "rec", "cls"] as const;

// Where PaddleOCR teams keep data today: object stores (S3, MinIO, Baidu BOS), HDFS, or a web server.
export const DATASET_URI_SCHEMES = ["s3", "minio", "bos", "hdfs", "https"] as const;

/** registered → validating → valid | invalid (the state of the latest validation). */
export const DATASET_STATUSES = ["registered", "validating", "valid", "invalid"] as const;

/** Pending → Syncing → Ready | Failed, per target. */
export const DATASET_CACHE_STATES = ["Pending", "Syncing", "Ready", "Failed"] as const;

const RESERVED_DATASET_NAMES = ["new", "synthesize"];

export const datasetNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(63, "Name must be at most 63 characters")
  .regex(/^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/, "Use lowercase letters, digits, dots, dashes and underscores")
  // These are pages under /datasets/, so a dataset of that name could not have its own page.
  .refine((name) => !RESERVED_DATASET_NAMES.includes(name), "This name is reserved for a console page");

export const datasetSourceUriSchema = z
  .string()
  .trim()
  .min(1, "Source URI is required")
  .max(2048)
  .superRefine((value, ctx) => {
    const problem = sourceUriProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** A file inside the dataset: relative, never climbing out, no control characters. */
const datasetPathSchema = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(512)
    .refine((v) => !v.startsWith("/") && !v.split(/[\\/]/).includes(".."), "Use a path relative to the dataset, without ..")
    .refine((v) => !/[\0\n\r\t]/.test(v), `${what} names cannot contain control characters`);

const optionalSecret = (max: number) => z.preprocess(emptyToUndefined, z.string().trim().max(max).optional());

/**
 * Credentials for the source, write-only: sealed at rest, never returned. Object stores take an access
 * key pair (and optionally an endpoint and region, e.g. a MinIO or BOS address); https sources take the
 * value of an Authorization header. Without credentials the console's own store settings are used, where
 * CONSOLE_SOURCES_USE_CONSOLE_CREDENTIALS allows it (lib/datasets/source-access.ts).
 */
export const datasetCredentialsSchema = z
  .object({
    accessKeyId: optionalSecret(128),
    secretAccessKey: optionalSecret(256),
    sessionToken: optionalSecret(4096),
    endpoint: z.preprocess(emptyToUndefined, z.url("Not a URL, e.g. https://minio.example.com:9000").optional()),
    region: z.preprocess(emptyToUndefined, z.string().trim().max(64).optional()),
    authorization: optionalSecret(4096),
  })
  .superRefine((value, ctx) => {
    if (Boolean(value.accessKeyId) !== Boolean(value.secretAccessKey)) {
      ctx.addIssue({ code: "custom", path: ["secretAccessKey"], message: "Give both the access key ID and the secret access key, or neither" });
    }
  });

export const createDatasetSchema = z
  .object({
    name: datasetNameSchema,
    task: z.enum(DATASET_TASKS, "Choose det, rec or cls"),
    /** `uri`: read from sourceUri; `upload`: an archive is uploaded next (PUT /api/v1/datasets/{name}/archive). */
    source: z.enum(["uri", "upload"]).default("uri"),
    sourceUri: z.preprocess(emptyToUndefined, datasetSourceUriSchema.optional()),
    trainLabelFile: datasetPathSchema("Label file"),
    testLabelFile: datasetPathSchema("Label file"),
    /** rec only: PaddleOCR's character_dict_path, relative to the dataset; absent = PaddleOCR's ppocr_keys_v1. */
    dictionaryFile: z.preprocess(emptyToUndefined, datasetPathSchema("Dictionary file").optional()),
    /** PaddleOCR's use_space_char: the space counts as a known character. */
    useSpaceChar: z.boolean().default(true),
    credentials: datasetCredentialsSchema.optional(),
    description: z.preprocess(emptyToUndefined, z.string().trim().max(2000).optional()),
  })
  .superRefine(
    (value, ctx) => {
      // Runs even when other fields failed, so a form learns every missing field at once.
      const raw = value as Partial<typeof value>;
      const reported = ctx.issues.some((issue) => issue.path?.[0] === "sourceUri");
      if (raw.source !== "upload" && !raw.sourceUri && !reported) ctx.addIssue({ code: "custom", path: ["sourceUri"], message: "Source URI is required" });
    },
    { when: () => true },
  )
  .superRefine((value, ctx) => {
    if (value.source === "upload" && value.sourceUri) {
      ctx.addIssue({ code: "custom", path: ["sourceUri"], message: "An uploaded dataset has no source URI; leave it empty" });
    }
    if (value.dictionaryFile && value.task !== "rec") {
      ctx.addIssue({ code: "custom", path: ["dictionaryFile"], message: "Only recognition (rec) sets use a dictionary" });
    }
  });

export const datasetSchema = z.object({
  id: z.string(),
  name: z.string(),
  task: z.enum(DATASET_TASKS),
  /** `upload`: files uploaded through the console, kept in its store; `uri`: read from sourceUri. */
  sourceKind: z.enum(["uri", "upload"]),
  sourceUri: z.string(),
  trainLabelFile: z.string(),
  testLabelFile: z.string(),
  dictionaryFile: z.string().nullable(),
  useSpaceChar: z.boolean(),
  /** Whether source credentials are stored; their values are never returned. */
  hasCredentials: z.boolean(),
  description: z.string().nullable(),
  status: z.enum(DATASET_STATUSES),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

const lineRefSchema = z.object({ file: z.string(), line: z.number().int() });

export const validationIssueSchema = lineRefSchema.extend({
  kind: z.string(),
  /** "line N: <what is wrong>; <how to fix it>" */
  message: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});

const histogramSchema = z.array(z.object({ min: z.number(), max: z.number().nullable(), count: z.number() }));

export const datasetStatsSchema = z.object({
  boxesPerImage: histogramSchema,
  textLength: histogramSchema,
  charFrequency: z.array(z.object({ char: z.string(), count: z.number() })),
  imageSizes: z.array(z.object({ w: z.number(), h: z.number(), count: z.number() })),
});

/** The validation report of a version (lib/datasets/validation/types.ts ValidationReport, without stats). */
export const validationReportSchema = z.looseObject({
  task: z.enum(DATASET_TASKS),
  labelFiles: z.array(z.object({ file: z.string(), lines: z.number(), samples: z.number() })),
  images: z.object({ referenced: z.number(), found: z.number(), missing: z.number(), unreadable: z.number(), duplicates: z.number() }),
  boxes: z.object({ total: z.number(), ignored: z.number(), outside: z.number() }),
  charset: z
    .object({ dictionarySize: z.number(), unknown: z.record(z.string(), z.number()), examples: z.record(z.string(), z.array(lineRefSchema)) })
    .optional(),
  issues: z.array(validationIssueSchema),
  issuesTruncated: z.number(),
  /** Issues by kind over the whole dataset, including those beyond the kept list. */
  issueCounts: z.record(z.string(), z.number()).optional(),
  ok: z.boolean(),
});

export const datasetVersionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  valid: z.boolean(),
  fileCount: z.number(),
  totalBytes: z.number(),
  imageCount: z.number(),
  labelCount: z.number(),
  issueCount: z.number(),
  /** Object-store key of the manifest: every file with its size and sha256. */
  manifestKey: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const datasetVersionDetailSchema = datasetVersionSchema.extend({
  report: validationReportSchema,
  stats: datasetStatsSchema.partial(),
});

export const datasetCacheSchema = z.object({
  target: z.object({ name: z.string(), kind: z.string() }),
  /** Whether this target can cache datasets at all. */
  supported: z.boolean(),
  cache: z
    .object({
      state: z.enum(DATASET_CACHE_STATES),
      phase: z.string().nullable(),
      version: z.number().int().nullable(),
      progress: z.number(),
      bytesDone: z.number(),
      bytesTotal: z.number(),
      location: z.string().nullable(),
      message: z.string().nullable(),
      updatedAt: z.iso.datetime(),
    })
    .nullable(),
  job: jobSchema.nullable(),
});

export const datasetDetailSchema = datasetSchema.extend({
  latestVersion: datasetVersionDetailSchema.nullable(),
  versions: z.array(datasetVersionSchema),
  versionsNextCursor: z.string().nullable(),
  validation: jobSchema.nullable(),
  caches: z.array(datasetCacheSchema),
});

export const validateDatasetSchema = z.object({}).default({});

export const cacheDatasetSchema = z.object({
  target: z.string().trim().min(1, "Choose a target").max(63),
  /** The version to cache; the newest version when absent. */
  version: z.coerce.number().int().positive().optional(),
});

export const uploadResultSchema = z.object({
  dataset: datasetSchema,
  upload: z.object({ format: z.enum(["zip", "tar", "tar.gz"]), bytes: z.number(), files: z.number(), expandedBytes: z.number() }),
  validation: jobSchema,
});

export const datasetIssuesQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  kind: z.preprocess(emptyToUndefined, z.string().max(40).optional()),
});

export type CreateDatasetInput = z.infer<typeof createDatasetSchema>;
export type DatasetCredentials = z.infer<typeof datasetCredentialsSchema>;
export type DatasetView = z.infer<typeof datasetSchema>;
export type DatasetStatus = (typeof DATASET_STATUSES)[number];
export type DatasetVersionView = z.infer<typeof datasetVersionSchema>;
export type DatasetVersionDetail = z.infer<typeof datasetVersionDetailSchema>;
export type DatasetCacheView = z.infer<typeof datasetCacheSchema>;
export type DatasetDetail = z.infer<typeof datasetDetailSchema>;
export type CacheDatasetInput = z.infer<typeof cacheDatasetSchema>;
export type UploadResult = z.infer<typeof uploadResultSchema>;

/** Says what is wrong with a dataset source URI, in words a user can act on; null when it is fine. */
export function sourceUriProblem(value: string): string | null {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(value);
  if (!match) return "Use a URI such as s3://bucket/path, minio://bucket/path, bos://, hdfs:// or https://";
  const scheme = match[1]!.toLowerCase();
  const rest = match[2]!;
  if (!(DATASET_URI_SCHEMES as readonly string[]).includes(scheme)) {
    return `Unsupported scheme "${scheme}://" — use one of ${DATASET_URI_SCHEMES.map((s) => `${s}://`).join(", ")}`;
  }
  if (/\s/.test(value)) return "The URI cannot contain spaces";
  if (scheme === "https" || scheme === "hdfs") {
    try {
      const url = new URL(value);
      if (!url.hostname) return "The URI needs a host";
      if (url.username || url.password) return "Put credentials in the credentials fields, not in the URI";
    } catch {
      return "Not a valid URL";
    }
    return null;
  }
  const bucket = rest.split("/")[0] ?? "";
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    return `"${bucket}" is not a valid bucket name (3–63 lowercase letters, digits, dots and dashes)`;
  }
  if (rest.split("/").includes("..")) return "The path cannot contain ..";
  return null;
}
