import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { getConsoleObject, putConsoleObject } from "@/lib/storage/console-objects";
import { datasetWorkDir } from "./dataset-paths";
import { forEachLimited, listLocalFiles } from "./local-files";

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
}

/** Every file of a dataset version with its size and sha256, sorted by path: what "this version" means. */
export interface Manifest {
  files: ManifestFile[];
}

/** Hashing is disk-bound; two at once keep a slow disk busy without starving the console. */
const HASHES_AT_ONCE = 2;

/**
 * The manifest of a folder. Hashes of files unchanged since the last manifest (same size and mtime) are
 * reused from `<work>/hashes.json`, so validating an unchanged 10 GB dataset again does not read it all.
 */
export async function buildManifest(
  root: string,
  datasetId: string,
  options: { signal?: AbortSignal; onProgress?(bytesDone: number, bytesTotal: number): void } = {},
): Promise<Manifest> {
  const files = await listLocalFiles(root, options.signal);
  const cacheFile = path.join(datasetWorkDir(datasetId), "hashes.json");
  const cache = await readHashCache(cacheFile);
  const next: HashCache = {};
  const total = files.reduce((sum, f) => sum + f.size, 0);
  let done = 0;
  const hashes: string[] = new Array(files.length);
  await forEachLimited(
    files,
    HASHES_AT_ONCE,
    async (file, index) => {
      const known = cache[file.path];
      const sha256 = known && known.size === file.size && known.mtimeMs === file.mtimeMs ? known.sha256 : await sha256File(path.join(root, file.path), options.signal);
      hashes[index] = sha256;
      next[file.path] = { size: file.size, mtimeMs: file.mtimeMs, sha256 };
      done += file.size;
      options.onProgress?.(done, total);
    },
    options.signal,
  );
  await writeFile(`${cacheFile}.tmp`, JSON.stringify(next));
  await rename(`${cacheFile}.tmp`, cacheFile);
  return { files: files.map((f, i) => ({ path: f.path, size: f.size, sha256: hashes[i]! })) };
}

export function manifestDigest(manifest: Manifest): string {
  return createHash("sha256").update(JSON.stringify(manifest)).digest("hex");
}

/**
 * Writes the manifest to the console's store, content-addressed, and returns its full key: the same
 * files always give the same key, which is how an unchanged dataset is recognised.
 */
export async function writeManifest(datasetId: string, manifest: Manifest): Promise<string> {
  const relative = `datasets/${datasetId}/manifests/${manifestDigest(manifest)}.json`;
  await putConsoleObject(relative, new TextEncoder().encode(JSON.stringify(manifest)), "application/json");
  return `_console/${relative}`;
}

export async function readManifest(fullKey: string): Promise<Manifest> {
  const { body } = await getConsoleObject(fullKey);
  return JSON.parse(await new Response(body).text()) as Manifest;
}

export async function sha256File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { signal })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

type HashCache = Record<string, { size: number; mtimeMs: number; sha256: string }>;

async function readHashCache(file: string): Promise<HashCache> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as HashCache;
  } catch {
    return {};
  }
}
