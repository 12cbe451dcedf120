import { versionManifestSchema, type VersionManifest } from "@/lib/schemas/models";
import { readObjectText } from "@/lib/storage/object-stream";
import { putObjectText } from "@/lib/storage/put-object";
import { manifestKey, type RegistryStore } from "./registry-store";

/** Parses a `model.json` leniently; null when it is not a JSON object at all. */
export function parseVersionManifest(text: string): VersionManifest | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  return versionManifestSchema.parse(raw);
}

/** A version's `model.json` from the bucket; null when absent or unreadable (the version is then inferred). */
export async function readVersionManifest(store: RegistryStore, modelName: string, version: string): Promise<VersionManifest | null> {
  const text = await readObjectText(store.client, store.bucket, manifestKey(modelName, version));
  return text === null ? null : parseVersionManifest(text);
}

/** Writes `model.json`; returns its ETag (unquoted), which the mirror keeps to notice later rewrites. */
export async function writeVersionManifest(store: RegistryStore, modelName: string, version: string, manifest: VersionManifest): Promise<string | null> {
  // `sourceEtag` is the mirror's own bookkeeping (see version-row.ts), not part of the file.
  const stored = Object.fromEntries(Object.entries(manifest).filter(([key]) => key !== "sourceEtag"));
  const { etag } = await putObjectText(store.client, store.bucket, manifestKey(modelName, version), `${JSON.stringify(stored, null, 2)}\n`);
  return etag?.replace(/"/g, "") ?? null;
}

/** Total bytes of the files a manifest lists. */
export function manifestSize(manifest: Pick<VersionManifest, "files">): number {
  return manifest.files.reduce((sum, file) => sum + file.size, 0);
}
