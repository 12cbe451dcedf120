import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Dataset } from "@/lib/generated/prisma/client";
import { builtinModelVersion } from "@/lib/ocr/model-version";
import type { ValidationIssue, ValidationProgress, ValidationReport } from "./validation/types";
import { validateDataset } from "./validation/validate-dataset";

/** Issues kept per version; the report's counts stay exact beyond it. */
export const MAX_REPORTED_ISSUES = 1000;

/**
 * Validates a dataset's working copy as registered: its train and test label files, its dictionary (or
 * PaddleOCR's ppocr_keys_v1 for a rec set without one). A label file or dictionary that is not there is
 * an issue of the report (line 0), not a failure: the report says what the folder holds instead.
 */
export async function validateDatasetFiles(
  root: string,
  dataset: Pick<Dataset, "task" | "trainLabelFile" | "testLabelFile" | "dictionaryFile" | "useSpaceChar">,
  options: { signal?: AbortSignal; onProgress?(fraction: number, message: string): void } = {},
): Promise<ValidationReport> {
  const labelFiles = [...new Set([dataset.trainLabelFile, dataset.testLabelFile])];
  const missing: ValidationIssue[] = [];
  const present: Array<{ file: string; size: number }> = [];
  let topLevel: string | null = null;
  const describeTop = async () => (topLevel ??= await topLevelListing(root));
  for (const file of labelFiles) {
    const info = await stat(path.join(root, file)).catch(() => null);
    if (info?.isFile()) present.push({ file, size: info.size });
    else missing.push(missingFile(file, "label file", await describeTop()));
  }
  let dictionary: string | undefined;
  if (dataset.task === "rec") {
    if (dataset.dictionaryFile) {
      const info = await stat(path.join(root, dataset.dictionaryFile)).catch(() => null);
      if (info?.isFile()) dictionary = dataset.dictionaryFile;
      else missing.push(missingFile(dataset.dictionaryFile, "dictionary", await describeTop()));
    } else {
      dictionary = builtinModelVersion().files.dictPath;
    }
  }

  const totalBytes = present.reduce((sum, f) => sum + f.size, 0);
  const before = new Map<string, number>();
  let offset = 0;
  for (const f of present) {
    before.set(f.file, offset);
    offset += f.size;
  }
  const report = present.length
    ? await validateDataset({
        task: dataset.task,
        root,
        labelFiles: present.map((f) => f.file),
        dictionary,
        useSpaceChar: dataset.useSpaceChar,
        signal: options.signal,
        maxIssues: MAX_REPORTED_ISSUES,
        onProgress: (p: ValidationProgress) =>
          options.onProgress?.(totalBytes ? ((before.get(p.file) ?? 0) + p.bytesRead) / totalBytes : 1, `Checking ${p.file}: ${p.linesRead.toLocaleString("en")} lines`),
      })
    : emptyReport(dataset.task);
  if (missing.length === 0) return report;
  const counts = { ...report.issueCounts, missing_label_file: missing.length };
  return { ...report, issues: [...missing, ...report.issues].slice(0, MAX_REPORTED_ISSUES), issueCounts: counts, ok: false };
}

function missingFile(file: string, what: string, found: string): ValidationIssue {
  return {
    kind: "missing_label_file",
    file,
    line: 0,
    message: `${file}: the ${what} is not in the dataset (its top level holds ${found}); add it or register the dataset with the right file name`,
  };
}

async function topLevelListing(root: string): Promise<string> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  if (entries.length === 0) return "nothing";
  const names = entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
  return names.slice(0, 8).join(", ") + (names.length > 8 ? ` and ${names.length - 8} more` : "");
}

function emptyReport(task: ValidationReport["task"]): ValidationReport {
  return {
    task,
    labelFiles: [],
    images: { referenced: 0, found: 0, missing: 0, unreadable: 0, duplicates: 0 },
    boxes: { total: 0, ignored: 0, outside: 0 },
    issues: [],
    issuesTruncated: 0,
    issueCounts: {},
    stats: { boxesPerImage: [], textLength: [], charFrequency: [], imageSizes: [] },
    ok: true,
  };
}
