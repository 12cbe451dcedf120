import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readConfig } from "@/lib/config/env";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError } from "@/lib/errors/console-error";
import { MODEL_FORMAT, modelManifestSchema } from "@/lib/ocr/model-version";
import { versionManifestSchema, type VersionManifest } from "@/lib/schemas/models";
import { listObjects } from "@/lib/storage/list-objects";
import { openObjectStream } from "@/lib/storage/object-stream";
import { filesStoreFor } from "./artifact-store";
import { DigestStream } from "./file-digest";
import { mapConcurrent } from "./map-concurrent";
import { MANIFEST_FILE, isTarballName, parseS3Uri, registryStore, type RegistryStore } from "./registry-store";
import { servingManifestFor } from "./serving-manifest";
import { extractTarball } from "./tarball-contents";

const MARKER = ".ocr-console-version.json";

// Concurrent deploys of one version share one download.
const globalForCache = globalThis as typeof globalThis & { __ocrConsoleModelDownloads?: Map<string, Promise<string>> };
const inFlight = (globalForCache.__ocrConsoleModelDownloads ??= new Map());

/**
 * A local folder holding a registry version's files, for serving on this machine: downloaded once
 * into `<dataDir>/cache/models/<team>/<model>/<version>/`, each file checked against the sha256 in
 * `model.json`, a tarball unpacked beside itself, and the OCR runtime's own `model.json` written
 * for versions in its format. Later calls find the folder ready and return at once, unless the
 * version's files changed in the registry since.
 */
export async function materializeVersion(
  teamId: string,
  modelName: string,
  version: string,
  deps: { prisma?: PrismaClient; store?: RegistryStore; cacheRoot?: string } = {},
): Promise<string> {
  const prisma = deps.prisma ?? (await openPrisma());
  const row = await prisma.modelVersion.findUnique({ where: { teamId_modelName_version: { teamId, modelName, version } } });
  if (!row) throw new ConsoleError("not_found", `No model version ${modelName}:${version}.`);
  if (row.storageUri.startsWith("file://")) return new URL(row.storageUri).pathname;
  if (!/^(s3|minio):\/\//.test(row.storageUri)) {
    throw new ConsoleError("bad_request", `${modelName}:${version} is stored at ${row.storageUri}, which has no files to fetch.`);
  }
  // A version whose files stay in a training target's storage (SageMaker) is read with its client.
  const store = await filesStoreFor(prisma, deps.store ?? registryStore(), row);
  const manifest = row.hasManifest ? versionManifestSchema.parse(row.manifest) : null;
  const files = await filesToFetch(store, row.storageUri, manifest);
  const fingerprint = createHash("sha256").update(JSON.stringify({ uri: row.storageUri, files })).digest("hex");
  const dir = path.join(deps.cacheRoot ?? path.join(readConfig().dataDir, "cache", "models"), teamId, modelName, version);

  if (await cachedFingerprint(dir) === fingerprint) return dir;
  let download = inFlight.get(dir);
  if (!download) {
    download = fetchVersion(store, dir, files, fingerprint, { modelName, version, manifest }).finally(() => inFlight.delete(dir));
    inFlight.set(dir, download);
  }
  return download;
}

interface FileToFetch {
  bucket: string;
  key: string;
  path: string;
  size: number;
  sha256: string | null;
}

async function filesToFetch(store: RegistryStore, storageUri: string, manifest: VersionManifest | null): Promise<FileToFetch[]> {
  const { bucket, key } = parseS3Uri(manifest?.storageUri ?? storageUri);
  const isPrefix = key === "" || key.endsWith("/");
  if (manifest && manifest.files.length > 0) {
    return manifest.files.map((f) => ({ bucket, key: isPrefix ? `${key}${f.path}` : key, path: f.path, size: f.size, sha256: f.sha256 }));
  }
  if (!isPrefix) return [{ bucket, key, path: key.split("/").pop()!, size: -1, sha256: null }];
  const found: FileToFetch[] = [];
  for await (const page of listObjects(store.client, bucket, key)) {
    for (const object of page.objects) {
      if (object.key.endsWith("/")) continue;
      found.push({ bucket, key: object.key, path: object.key.slice(key.length), size: object.size, sha256: null });
    }
  }
  if (found.length === 0) throw new ConsoleError("not_found", `Nothing is stored under ${storageUri}.`);
  return found;
}

async function fetchVersion(
  store: RegistryStore,
  dir: string,
  files: FileToFetch[],
  fingerprint: string,
  version: { modelName: string; version: string; manifest: VersionManifest | null },
): Promise<string> {
  const partial = `${dir}.partial-${randomBytes(4).toString("hex")}`;
  await mkdir(partial, { recursive: true });
  try {
    await mapConcurrent(files, 4, async (file) => {
      const target = path.join(partial, ...file.path.split("/"));
      await mkdir(path.dirname(target), { recursive: true });
      const { body } = await openObjectStream(store.client, file.bucket, file.key);
      const digest = new DigestStream();
      await pipeline(body, digest, createWriteStream(target));
      const what = `${version.modelName}:${version.version} ${file.path}`;
      if (file.size >= 0 && digest.bytes !== file.size) {
        throw new ConsoleError("unprocessable", `${what} is ${digest.bytes} bytes in the object store, model.json says ${file.size}.`);
      }
      const sha256 = digest.sha256();
      if (file.sha256 && sha256 !== file.sha256) {
        throw new ConsoleError("unprocessable", `${what} does not match its sha256 in model.json (expected ${file.sha256}, got ${sha256}).`);
      }
    });
    // A version that is a tarball (PaddleCloud's model hub, SageMaker) is served from its contents.
    if (files.every((f) => isTarballName(f.path))) {
      for (const file of files) await unpack(path.join(partial, ...file.path.split("/")), partial, file.path);
    }
    await writeRuntimeManifest(partial, version);
    await writeFile(path.join(partial, MARKER), JSON.stringify({ fingerprint, fetchedAt: new Date().toISOString() }));
    await rm(dir, { recursive: true, force: true });
    await mkdir(path.dirname(dir), { recursive: true });
    await rename(partial, dir);
    return dir;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    if (error instanceof ConsoleError) throw error;
    throw new ConsoleError("unavailable", `Could not fetch ${version.modelName}:${version.version} from the object store: ${(error as Error).message}`);
  }
}

async function unpack(tarball: string, into: string, name: string): Promise<void> {
  await extractTarball(createReadStream(tarball), name, async (entry: string, content: Readable) => {
    const target = path.join(into, ...entry.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await pipeline(content, createWriteStream(target));
  });
}

/** Versions in the OCR runtime's format get the runtime's own `model.json` unless they carry a valid one. */
async function writeRuntimeManifest(dir: string, version: { modelName: string; version: string; manifest: VersionManifest | null }) {
  const target = path.join(dir, MANIFEST_FILE);
  const existing = await readFile(target, "utf8").catch(() => null);
  if (existing !== null && !version.manifest) {
    try {
      if (modelManifestSchema.safeParse(JSON.parse(existing)).success) return;
    } catch {
      // not JSON: replaced below when the version is in the runtime's format
    }
  }
  const looksRuntime = version.manifest ? version.manifest.format === MODEL_FORMAT : await hasRuntimeFiles(dir);
  if (!looksRuntime) return;
  const runtime = servingManifestFor(version.modelName, version.version, version.manifest);
  if (runtime) await writeFile(target, `${JSON.stringify(runtime, null, 2)}\n`);
}

async function hasRuntimeFiles(dir: string): Promise<boolean> {
  const exists = (name: string) => stat(path.join(dir, name)).then((s) => s.isFile(), () => false);
  return (await exists("det.onnx")) && (await exists("rec.onnx"));
}

async function cachedFingerprint(dir: string): Promise<string | null> {
  try {
    return (JSON.parse(await readFile(path.join(dir, MARKER), "utf8")) as { fingerprint?: string }).fingerprint ?? null;
  } catch {
    return null;
  }
}
