export { formatBytes } from "./format-bytes";

// How much a dataset may hold, for uploads, archives and remote sources alike. The defaults fit a large
// PaddleOCR set (ICDAR 2015 is 1,500 images; big synthetic rec sets reach a few million lines in a few
// hundred thousand files); an admin raises them through the environment.

export interface DatasetLimits {
  /** Bytes of an uploaded or downloaded archive. */
  maxArchiveBytes: number;
  /** Files (and folders) in an archive or under a source prefix. */
  maxEntries: number;
  /** Bytes once expanded. */
  maxExpandedBytes: number;
  /** Expanded / compressed size above which a large archive is treated as a bomb. */
  maxCompressionRatio: number;
  /** The ratio is only checked past this many expanded bytes: small text-heavy archives compress well. */
  ratioCheckAboveBytes: number;
}

const GiB = 2 ** 30;

export function datasetLimits(env: Record<string, string | undefined> = process.env): DatasetLimits {
  return {
    maxArchiveBytes: positive(env.CONSOLE_MAX_UPLOAD_BYTES, 20 * GiB),
    maxEntries: positive(env.CONSOLE_ARCHIVE_MAX_ENTRIES, 1_000_000),
    maxExpandedBytes: positive(env.CONSOLE_ARCHIVE_MAX_BYTES, 100 * GiB),
    maxCompressionRatio: positive(env.CONSOLE_ARCHIVE_MAX_RATIO, 200),
    ratioCheckAboveBytes: 256 * 2 ** 20,
  };
}

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}
