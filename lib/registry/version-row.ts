import type { Prisma } from "@/lib/generated/prisma/client";
import type { VersionManifest } from "@/lib/schemas/models";
import { manifestSize } from "./version-manifest";

/**
 * The mirror row's columns for a version described by its `model.json`. The manifest column keeps
 * the file's ETag (`sourceEtag`) so a rescan reads the file again only when it was rewritten.
 */
export function versionRowFromManifest(manifest: VersionManifest, storageUri: string, etag: string | null) {
  return {
    storageUri: manifest.storageUri ?? storageUri,
    format: manifest.format,
    metrics: manifest.metrics as Prisma.InputJsonValue,
    manifest: { ...manifest, sourceEtag: etag } as unknown as Prisma.InputJsonValue,
    hasManifest: true,
    sizeBytes: manifestSize(manifest),
    fileCount: manifest.files.length,
    notes: manifest.notes,
    ...(manifest.createdAt && !Number.isNaN(Date.parse(manifest.createdAt)) ? { createdAt: new Date(manifest.createdAt) } : {}),
  };
}
