import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import type { ModelVersion } from "@/lib/generated/prisma/client";
import { BUILTIN_STORAGE_URI, builtinModelFiles } from "@/lib/endpoints/builtin-model";
import { ConsoleError } from "@/lib/errors/console-error";
import { versionManifestSchema, type ManifestFile } from "@/lib/schemas/models";
import { listObjects } from "@/lib/storage/list-objects";
import { headObject, openObjectStream } from "@/lib/storage/object-stream";
import { MANIFEST_FILE, isTarballName, parseS3Uri, type RegistryStore } from "./registry-store";
import { listTarball, readTarballEntry, type TarballListing } from "./tarball-contents";

// Where a version's files are and how to read them: the object store (its own folder, or an
// existing object or prefix it recorded), or the console's package for the built-in models.

export type FileLocation = { kind: "object"; bucket: string; key: string } | { kind: "local"; path: string };

/** The version's files with size and sha256: from its manifest, or listed from the bucket when it has none. */
export async function versionFiles(store: RegistryStore, row: ModelVersion): Promise<ManifestFile[]> {
  const manifest = versionManifestSchema.safeParse(row.manifest);
  if (manifest.success && manifest.data.files.length > 0) return manifest.data.files;
  if (!/^(s3|minio):\/\//.test(row.storageUri)) return [];
  const { bucket, key } = parseS3Uri(row.storageUri);
  if (key !== "" && !key.endsWith("/")) {
    const head = await headObject(store.client, bucket, key);
    return head ? [{ path: key.split("/").pop()!, size: head.size, sha256: null }] : [];
  }
  const files: ManifestFile[] = [];
  for await (const page of listObjects(store.client, bucket, key)) {
    for (const object of page.objects) {
      const path = object.key.slice(key.length);
      if (path && path !== MANIFEST_FILE && !object.key.endsWith("/")) files.push({ path, size: object.size, sha256: null });
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** Where one of the version's files is stored; null when the version has no such file. */
export function fileLocation(row: ModelVersion, files: ManifestFile[], path: string): FileLocation | null {
  if (!files.some((f) => f.path === path)) return null;
  if (row.storageUri === BUILTIN_STORAGE_URI) {
    const builtin = builtinModelFiles().find((f) => f.path === path);
    return builtin ? { kind: "local", path: builtin.absolutePath } : null;
  }
  if (!/^(s3|minio):\/\//.test(row.storageUri)) return null;
  const manifest = versionManifestSchema.safeParse(row.manifest);
  const { bucket, key } = parseS3Uri((manifest.success && manifest.data.storageUri) || row.storageUri);
  if (key === "" || key.endsWith("/")) return { kind: "object", bucket, key: `${key}${path}` };
  return { kind: "object", bucket, key };
}

/** A file as a stream with its size, for downloads through the console (credentials stay on the server). */
export async function openFile(store: RegistryStore, location: FileLocation, signal?: AbortSignal): Promise<{ body: Readable; size: number }> {
  if (location.kind === "local") return { body: createReadStream(location.path), size: (await stat(location.path)).size };
  try {
    const object = await openObjectStream(store.client, location.bucket, location.key, { signal });
    return { body: object.body, size: object.size };
  } catch (error) {
    throw new ConsoleError("not_found", `The file is not in the object store any more (${(error as Error).name}); rescan the bucket.`);
  }
}

/** The start of a text file (config.yml), up to `maxBytes`. */
export async function readText(store: RegistryStore, location: FileLocation, maxBytes = 256 * 1024): Promise<{ text: string; truncated: boolean }> {
  const { body, size } = await openFile(store, location);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.byteLength;
    if (length >= maxBytes) break;
  }
  body.destroy();
  return { text: Buffer.concat(chunks).subarray(0, maxBytes).toString("utf8"), truncated: size > maxBytes };
}

/** The training config of a version: a `config.yml` among its files, or inside its tarball. */
export async function readVersionConfig(store: RegistryStore, row: ModelVersion, files: ManifestFile[]) {
  const direct = files.filter((f) => isConfigName(f.path)).sort((a, b) => a.path.split("/").length - b.path.split("/").length)[0];
  if (direct) {
    const location = fileLocation(row, files, direct.path);
    if (location) return { path: direct.path, ...(await readText(store, location)) };
  }
  // Only tarballs known (from the manifest) to hold one are opened: reading stops at the entry.
  for (const tarball of files.filter((f) => f.contents?.some((entry) => isConfigName(entry.path)))) {
    const location = fileLocation(row, files, tarball.path);
    if (!location) continue;
    const { body } = await openFile(store, location);
    const entry = await readTarballEntry(body, tarball.path, isConfigName);
    if (entry) return { path: `${tarball.path}!/${entry.path}`, text: entry.text, truncated: entry.truncated };
  }
  return null;
}

function isConfigName(path: string): boolean {
  const name = path.split("/").pop() ?? "";
  return name === "config.yml" || name === "config.yaml";
}

// Listings of tarballs without a manifest are kept per object ETag, so opening the same version
// again does not read the tarball again.
const globalForListings = globalThis as typeof globalThis & { __ocrConsoleTarballListings?: Map<string, TarballListing> };
const listings = (globalForListings.__ocrConsoleTarballListings ??= new Map());

/** A tarball's entries, listed by streaming it from the object store (never downloaded whole). */
export async function tarballListing(store: RegistryStore, row: ModelVersion, files: ManifestFile[], path: string): Promise<TarballListing> {
  const file = files.find((f) => f.path === path);
  if (!file || !isTarballName(path)) throw new ConsoleError("not_found", `${row.modelName}:${row.version} has no tarball ${path}.`);
  if (file.contents) return { entries: file.contents, truncated: file.contentsTruncated ?? false, sha256: file.sha256 ?? "", size: file.size };
  const location = fileLocation(row, files, path);
  if (!location) throw new ConsoleError("not_found", `${path} cannot be read.`);
  const cacheKey = location.kind === "object" ? `${location.bucket}/${location.key}@${(await headObject(store.client, location.bucket, location.key))?.etag}` : location.path;
  const cached = listings.get(cacheKey);
  if (cached) return cached;
  const { body } = await openFile(store, location);
  const listing = await listTarball(body, path).catch((error: Error) => {
    throw new ConsoleError("unprocessable", error.message);
  });
  if (listings.size > 200) listings.delete(listings.keys().next().value!);
  listings.set(cacheKey, listing);
  return listing;
}
