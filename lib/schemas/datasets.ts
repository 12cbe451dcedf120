import { z } from "zod";

export const DATASET_TASKS = ["det", "rec", "cls"] as const;

// Where PaddleOCR teams keep data today: object stores (S3, MinIO, Baidu BOS), HDFS, or a web server.
export const DATASET_URI_SCHEMES = ["s3", "minio", "bos", "hdfs", "https"] as const;

export const datasetNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(63, "Name must be at most 63 characters")
  .regex(/^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/, "Use lowercase letters, digits, dots, dashes and underscores");

export const datasetSourceUriSchema = z
  .string()
  .trim()
  .min(1, "Source URI is required")
  .max(2048)
  .superRefine((value, ctx) => {
    const problem = sourceUriProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const labelFileSchema = z
  .string()
  .trim()
  .min(1, "Label file is required")
  .max(512)
  .refine((v) => !v.startsWith("/") && !v.split(/[\\/]/).includes(".."), "Use a path relative to the dataset, without ..")
  .refine((v) => !/[\0\n\r\t]/.test(v), "Label file names cannot contain control characters");

export const createDatasetSchema = z.object({
  name: datasetNameSchema,
  task: z.enum(DATASET_TASKS, "Choose det, rec or cls"),
  sourceUri: datasetSourceUriSchema,
  trainLabelFile: labelFileSchema,
  testLabelFile: labelFileSchema,
});

export const datasetSchema = z.object({
  id: z.string(),
  name: z.string(),
  task: z.enum(DATASET_TASKS),
  sourceUri: z.string(),
  trainLabelFile: z.string(),
  testLabelFile: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export type CreateDatasetInput = z.infer<typeof createDatasetSchema>;
export type DatasetView = z.infer<typeof datasetSchema>;

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
    } catch {
      return "Not a valid URL";
    }
    return null;
  }
  const bucket = rest.split("/")[0] ?? "";
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    return `"${bucket}" is not a valid bucket name (3–63 lowercase letters, digits, dots and dashes)`;
  }
  return null;
}
