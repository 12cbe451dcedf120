import { z } from "zod";
import { pageSchema } from "./pagination";

// The model registry's contract: names as they appear in the bucket (`<model>/<version>/`), the
// `model.json` manifest the console writes beside a version's files, and the views shared by the
// models pages, server actions and the REST API.

/** A model's name is its top-level folder in the bucket; `_…` folders are the console's own. */
export const modelNameSchema = z
  .string()
  .trim()
  .min(1, "Name the model")
  .max(100, "At most 100 characters")
  .regex(/^[A-Za-z0-9][\w.-]*$/, "Letters, digits, '.', '_' and '-', starting with a letter or digit");

/** A version is the folder below the model: `1`, `2`, … when the console numbers it, or any name (`latest`). */
export const versionNameSchema = z
  .string()
  .trim()
  .min(1, "Name the version")
  .max(100, "At most 100 characters")
  .regex(/^[A-Za-z0-9][\w.-]*$/, "Letters, digits, '.', '_' and '-', starting with a letter or digit");

export const aliasNameSchema = z
  .string()
  .trim()
  .min(1, "Name the alias")
  .max(63, "At most 63 characters")
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "Lowercase letters, digits, '_' and '-', e.g. production or staging");

/** A file path inside a version folder: relative, '/'-separated, no `..`. */
export const versionFilePathSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !p.startsWith("/") && !p.split("/").some((s) => s === ".." || s === "." || s === ""), "Use a relative path without '..' or empty parts")
  .refine((p) => !/[\0\r\n\\]/.test(p), "File names cannot contain control characters or backslashes");

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, "A sha256 is 64 lowercase hex digits");

export const tarballEntrySchema = z.object({ path: z.string(), size: z.number() });

export const manifestFileSchema = z.object({
  path: z.string(),
  size: z.number(),
  /** Absent for files recorded from a listing without reading them. */
  sha256: sha256Schema.nullable().default(null),
  /** A tarball's entries, listed by streaming it once (capped; see `contentsTruncated`). */
  contents: z.array(tarballEntrySchema).optional(),
  contentsTruncated: z.boolean().optional(),
});

const numberRecord = z.record(z.string(), z.unknown()).transform((record) =>
  Object.fromEntries(Object.entries(record).filter((entry): entry is [string, number] => typeof entry[1] === "number" && Number.isFinite(entry[1]))),
);

/**
 * `<model>/<version>/model.json`. Read leniently: a manifest written by another tool with only some
 * of these fields (say `format` and `metrics`) is still used for what it has.
 */
export const versionManifestSchema = z
  .object({
    manifestVersion: z.literal(1).catch(1),
    name: z.string().optional(),
    version: z.string().optional(),
    format: z.string().nullable().catch(null).default(null),
    /** Where the files are when they are not in the version folder itself (an existing tarball or prefix). */
    storageUri: z.string().nullable().catch(null).default(null),
    files: z.array(manifestFileSchema).catch([]).default([]),
    metrics: numberRecord.catch({}).default({}),
    parameters: z.record(z.string(), z.unknown()).catch({}).default({}),
    run: z.object({ id: z.string(), name: z.string().nullable() }).nullable().catch(null).default(null),
    dataset: z
      .object({
        id: z.string(),
        name: z.string().nullable(),
        sourceUri: z.string().nullable(),
        versionId: z.string().nullable(),
        version: z.number().nullable(),
      })
      .nullable()
      .catch(null)
      .default(null),
    createdBy: z.object({ id: z.string().nullable(), label: z.string() }).nullable().catch(null).default(null),
    createdAt: z.string().nullable().catch(null).default(null),
    notes: z.string().nullable().catch(null).default(null),
    /**
     * The local OCR runtime's own manifest fields (lib/ocr/model-version.ts) when the version was
     * uploaded with one: the runtime's `model.json` is regenerated from them when the version is
     * fetched for local serving, since the registry's `model.json` takes its place in the bucket.
     */
    serving: z.record(z.string(), z.unknown()).nullable().catch(null).default(null),
  })
  .loose();

export type VersionManifest = z.infer<typeof versionManifestSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const aliasObjectSchema = z.object({
  alias: z.string().optional(),
  version: z.string(),
  setBy: z.object({ id: z.string().nullable(), label: z.string() }).nullable().catch(null).default(null),
  setAt: z.string().nullable().catch(null).default(null),
});
export type AliasObject = z.infer<typeof aliasObjectSchema>;

// ——— views ———

export const VERSION_STATUSES = ["ready", "uploading"] as const;

export const aliasViewSchema = z.object({
  alias: z.string(),
  version: z.string(),
  setBy: z.string(),
  setAt: z.iso.datetime(),
});

export const modelSummarySchema = z.object({
  name: z.string(),
  versionCount: z.number().int(),
  latestVersion: z.string().nullable(),
  latestCreatedAt: z.iso.datetime().nullable(),
  aliases: z.array(aliasViewSchema),
  updatedAt: z.iso.datetime(),
});

export const modelVersionSchema = z.object({
  id: z.string(),
  modelName: z.string(),
  version: z.string(),
  status: z.enum(VERSION_STATUSES),
  format: z.string().nullable(),
  storageUri: z.string(),
  metrics: z.record(z.string(), z.number()),
  sizeBytes: z.number(),
  fileCount: z.number().int(),
  hasManifest: z.boolean(),
  aliases: z.array(z.string()),
  run: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  endpoints: z.array(z.string()),
});

export const versionFileSchema = z.object({
  path: z.string(),
  size: z.number(),
  sha256: z.string().nullable(),
  /** Whether the console lists this file's entries (a .tar, .tar.gz or .tgz). */
  tarball: z.boolean(),
  contents: z.array(tarballEntrySchema).nullable(),
  contentsTruncated: z.boolean(),
  /** Whether GET …/files/{path} can send it (files of the built-in model and the object store). */
  downloadable: z.boolean(),
});

export const versionDetailSchema = modelVersionSchema.extend({
  notes: z.string().nullable(),
  files: z.array(versionFileSchema),
  parameters: z.record(z.string(), z.unknown()),
  aliasDetails: z.array(aliasViewSchema),
  lineage: z.object({
    run: z.object({ id: z.string(), name: z.string() }).nullable(),
    dataset: z.object({ id: z.string().nullable(), name: z.string().nullable(), sourceUri: z.string().nullable() }).nullable(),
    datasetVersion: z.object({ id: z.string(), version: z.number().nullable() }).nullable(),
  }),
  /** The training config (config.yml) when the version holds one. */
  config: z.object({ path: z.string(), text: z.string(), truncated: z.boolean() }).nullable(),
  deployments: z.array(z.object({ endpoint: z.string(), role: z.string(), trafficPercent: z.number() })),
});

export type AliasView = z.infer<typeof aliasViewSchema>;
export type ModelSummary = z.infer<typeof modelSummarySchema>;
export type ModelVersionView = z.infer<typeof modelVersionSchema>;
export type VersionFileView = z.infer<typeof versionFileSchema>;
export type VersionDetail = z.infer<typeof versionDetailSchema>;

// ——— queries and inputs ———

export const MODEL_SORTS = ["name", "updated", "versions"] as const;

export const listModelsQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  sort: z.enum(MODEL_SORTS).default("updated"),
  order: z.enum(["asc", "desc"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** `metric:<name>` sorts by a metric from the versions' manifests (hmean, acc, …). */
export const VERSION_SORTS = ["created", "version", "run", "size"] as const;
export const versionSortSchema = z.union([z.enum(VERSION_SORTS), z.string().regex(/^metric:[A-Za-z0-9_.-]{1,64}$/, "Sort by created, version, run, size or metric:<name>")]);

export const listVersionsQuerySchema = z.object({
  sort: versionSortSchema.default("created"),
  order: z.enum(["asc", "desc"]).default("desc"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const setAliasSchema = z.object({
  version: versionNameSchema,
  /** The version the caller saw the alias on; the move is refused if it has moved since (null = alias must not exist). */
  expectedVersion: versionNameSchema.nullable().optional(),
});

export const updateNotesSchema = z.object({ notes: z.string().max(10_000, "At most 10,000 characters").nullable() });

export const deleteVersionSchema = z.object({
  /** Type-to-confirm: `<model>:<version>`. */
  confirm: z.string().trim().min(1, "Type the model and version to confirm"),
});

export const compareVersionsQuerySchema = z.object({
  a: versionNameSchema,
  b: versionNameSchema,
});

export const metricDeltaSchema = z.object({ name: z.string(), a: z.number().nullable(), b: z.number().nullable(), delta: z.number().nullable() });
export const fileDifferenceSchema = z.object({
  path: z.string(),
  change: z.enum(["added", "removed", "changed", "same"]),
  a: z.object({ size: z.number(), sha256: z.string().nullable() }).nullable(),
  b: z.object({ size: z.number(), sha256: z.string().nullable() }).nullable(),
});
export const configDiffLineSchema = z.object({ kind: z.enum(["added", "removed", "same"]), text: z.string() });

export const versionComparisonSchema = z.object({
  modelName: z.string(),
  a: modelVersionSchema,
  b: modelVersionSchema,
  metrics: z.array(metricDeltaSchema),
  config: z
    .object({ aPath: z.string().nullable(), bPath: z.string().nullable(), lines: z.array(configDiffLineSchema), identical: z.boolean() })
    .nullable(),
  files: z.array(fileDifferenceSchema),
  parameters: z.array(z.object({ name: z.string(), a: z.unknown(), b: z.unknown(), same: z.boolean() })),
});
export type VersionComparison = z.infer<typeof versionComparisonSchema>;

/** Registering a version from the browser: the files are announced first, then sent part by part. */
export const UPLOAD_PART_SIZE = 8 * 1024 * 1024;
export const MAX_UPLOAD_FILES = 1000;

export const createUploadSchema = z.object({
  /** The next integer version when absent. */
  version: versionNameSchema.optional(),
  files: z
    .array(z.object({ path: versionFilePathSchema, size: z.number().int().min(0).max(5 * 1024 ** 4) }))
    .min(1, "Choose at least one file")
    .max(MAX_UPLOAD_FILES, `At most ${MAX_UPLOAD_FILES} files per version`)
    .refine((files) => new Set(files.map((f) => f.path)).size === files.length, "Two files have the same path"),
  format: z.string().trim().max(100).nullable().optional(),
  metrics: z.record(z.string(), z.number()).optional(),
  notes: z.string().max(10_000).nullable().optional(),
});

/** The browser hashes each file while it sends it, and gives the sha256 at the end to be checked. */
export const completeUploadSchema = z.object({
  files: z.array(z.object({ path: versionFilePathSchema, sha256: sha256Schema })).min(1),
});

export const uploadSessionSchema = z.object({
  id: z.string(),
  modelName: z.string(),
  version: z.string(),
  partSize: z.number().int(),
  files: z.array(
    z.object({
      index: z.number().int(),
      path: z.string(),
      size: z.number(),
      partCount: z.number().int(),
      /** Part numbers already stored: a resumed upload sends only the others. */
      uploadedParts: z.array(z.number().int()),
    }),
  ),
});

export const uploadPartResultSchema = z.object({ partNumber: z.number().int(), size: z.number() });

export const rescanReportSchema = z.object({
  bucket: z.string(),
  models: z.number(),
  versions: z.number(),
  added: z.number(),
  updated: z.number(),
  removed: z.number(),
  aliases: z.number(),
});

export const modelSummaryPageSchema = pageSchema(modelSummarySchema);
export const modelVersionPageSchema = pageSchema(modelVersionSchema);

export type ListModelsQuery = z.infer<typeof listModelsQuerySchema>;
export type ListVersionsQuery = z.infer<typeof listVersionsQuerySchema>;
export type CreateUploadInput = z.input<typeof createUploadSchema>;
export type CompleteUploadInput = z.input<typeof completeUploadSchema>;
export type UploadSession = z.infer<typeof uploadSessionSchema>;
export type RescanReport = z.infer<typeof rescanReportSchema>;
