import { MODEL_FORMAT, modelManifestSchema, type ModelManifest } from "@/lib/ocr/model-version";
import type { VersionManifest } from "@/lib/schemas/models";

// The local OCR runtime reads its own `model.json` (format paddleocr-onnx/v1, name, parameters …)
// from a version folder, while the registry keeps its manifest under the same name in the bucket.
// The runtime's fields travel inside the registry manifest (`serving`) and are written back as the
// runtime's file when a version is fetched for local serving.

/** The runtime manifest's fields from an uploaded `model.json`, or null when it is not one. */
export function servingFieldsOf(text: string): Record<string, unknown> | null {
  try {
    const parsed = modelManifestSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    return Object.fromEntries(Object.entries(parsed.data).filter(([key]) => key !== "format"));
  } catch {
    return null;
  }
}

/** The runtime's `model.json` for a registry version, or null when the version is not in the runtime's format. */
export function servingManifestFor(modelName: string, version: string, manifest: VersionManifest | null): ModelManifest | null {
  if (manifest && manifest.format !== MODEL_FORMAT) return null;
  const parsed = modelManifestSchema.safeParse({ name: `${modelName}:${version}`, ...(manifest?.serving ?? {}), format: MODEL_FORMAT });
  return parsed.success ? parsed.data : modelManifestSchema.parse({ format: MODEL_FORMAT, name: `${modelName}:${version}` });
}
