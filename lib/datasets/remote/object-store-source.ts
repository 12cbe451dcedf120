import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { ConsoleError } from "@/lib/errors/console-error";
import { formatBytes, type DatasetLimits } from "../dataset-limits";
import { forEachLimited, listLocalFiles } from "../local-files";
import type { SourceStore } from "./source-s3-client";
import { storeError } from "./store-error";

/** What the working copy held when it was last synced with the store: size and ETag per file. */
export interface SyncIndex {
  files: Record<string, { size: number; etag: string | null }>;
}

export interface SyncProgress {
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

export interface SyncOptions {
  limits: DatasetLimits;
  signal?: AbortSignal;
  onProgress?(progress: SyncProgress): void;
}

const TRANSFERS_AT_ONCE = 8;

export async function readSyncIndex(file: string): Promise<SyncIndex> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as SyncIndex;
  } catch {
    return { files: {} };
  }
}

async function writeSyncIndex(file: string, index: SyncIndex): Promise<void> {
  await writeFile(`${file}.tmp`, JSON.stringify(index));
  await rename(`${file}.tmp`, file);
}

/**
 * Makes `dir` hold exactly the objects under `prefix`: downloads what is new or changed (by ETag and
 * size against the index), deletes what is gone. Object keys are dataset paths, so a key that would
 * leave the folder (`../`) refuses the whole source.
 */
export async function pullPrefix(store: SourceStore, bucket: string, prefix: string, dir: string, indexFile: string, options: SyncOptions): Promise<SyncIndex> {
  const { limits, signal } = options;
  const { client } = store;
  const objects = await listSourceObjects(store, bucket, prefix, limits, signal);
  const previous = await readSyncIndex(indexFile);
  const local = new Map((await listLocalFiles(dir, signal)).map((f) => [f.path, f.size]));
  const wanted = objects.filter((o) => {
    const known = previous.files[o.path];
    return !known || known.etag !== o.etag || known.size !== o.size || local.get(o.path) !== o.size;
  });

  const progress: SyncProgress = { bytesDone: 0, bytesTotal: wanted.reduce((sum, o) => sum + o.size, 0), filesDone: 0, filesTotal: wanted.length };
  options.onProgress?.(progress);
  const index: SyncIndex = { files: {} };
  for (const o of objects) if (!wanted.includes(o)) index.files[o.path] = previous.files[o.path]!;
  await mkdir(dir, { recursive: true });
  try {
    await forEachLimited(
      wanted,
      TRANSFERS_AT_ONCE,
      async (object) => {
        const target = path.join(dir, object.path);
        await mkdir(path.dirname(target), { recursive: true });
        const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: object.key }), { abortSignal: signal }).catch((error: unknown) => {
          throw fromStore(store, `s3://${bucket}/${object.key}`, error);
        });
        if (!response.Body) throw new Error(`object ${object.key} has no body`);
        const body = response.Body instanceof Readable ? response.Body : Readable.fromWeb(response.Body.transformToWebStream() as never);
        body.on("data", (chunk: Buffer) => {
          progress.bytesDone += chunk.length;
          options.onProgress?.(progress);
        });
        await pipeline(body, createWriteStream(`${target}.part`), signal ? { signal } : {});
        await rename(`${target}.part`, target);
        index.files[object.path] = { size: object.size, etag: response.ETag ?? object.etag };
        progress.filesDone++;
        options.onProgress?.(progress);
      },
      signal,
    );
  } finally {
    // What did arrive is remembered, so an interrupted sync resumes instead of starting over.
    await writeSyncIndex(indexFile, index);
  }
  const present = new Set(objects.map((o) => o.path));
  for (const [file] of local) if (!present.has(file)) await rm(path.join(dir, file), { force: true });
  return index;
}

/**
 * Makes the store hold exactly the files of `dir` under `prefix` (an uploaded dataset published for the
 * targets that read it from the store) and records what it uploaded in the index.
 */
export async function pushFolder(store: SourceStore, bucket: string, prefix: string, dir: string, indexFile: string, options: SyncOptions): Promise<SyncIndex> {
  const { limits, signal } = options;
  const { client } = store;
  const files = await listLocalFiles(dir, signal);
  const existing = await listSourceObjects(store, bucket, prefix, { ...limits, maxEntries: Number.MAX_SAFE_INTEGER, maxExpandedBytes: Number.MAX_SAFE_INTEGER }, signal);
  const progress: SyncProgress = { bytesDone: 0, bytesTotal: files.reduce((sum, f) => sum + f.size, 0), filesDone: 0, filesTotal: files.length };
  options.onProgress?.(progress);
  const index: SyncIndex = { files: {} };
  await forEachLimited(
    files,
    TRANSFERS_AT_ONCE,
    async (file) => {
      const etag = await putFile(client, bucket, `${prefix}${file.path}`, path.join(dir, file.path), file.size, signal).catch((error: unknown) => {
        throw fromStore(store, `s3://${bucket}/${prefix}${file.path}`, error);
      });
      index.files[file.path] = { size: file.size, etag };
      progress.bytesDone += file.size;
      progress.filesDone++;
      options.onProgress?.(progress);
    },
    signal,
  );
  const keep = new Set(files.map((f) => f.path));
  const stale = existing.filter((o) => !keep.has(o.path)).map((o) => o.key);
  for (let start = 0; start < stale.length; start += 1000) {
    await client
      .send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: stale.slice(start, start + 1000).map((Key) => ({ Key })), Quiet: true } }))
      .catch((error: unknown) => {
        throw fromStore(store, `s3://${bucket}/${prefix}`, error);
      });
  }
  await writeSyncIndex(indexFile, index);
  return index;
}

/** Up to this size a file goes up in one request from memory; larger ones in multipart parts. */
const SINGLE_PUT_BYTES = 8 * 2 ** 20;

async function putFile(client: S3Client, bucket: string, key: string, file: string, size: number, signal?: AbortSignal): Promise<string | null> {
  // A buffer, not a stream: the SDK sends streams with aws-chunked framing, which S3-compatible stores
  // such as the embedded one would keep as part of the object.
  if (size <= SINGLE_PUT_BYTES) {
    const result = await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: await readFile(file), ContentLength: size }), { abortSignal: signal });
    return result.ETag ?? null;
  }
  const upload = new Upload({ client, params: { Bucket: bucket, Key: key, Body: createReadStream(file) }, partSize: SINGLE_PUT_BYTES, queueSize: 2 });
  signal?.addEventListener("abort", () => void upload.abort(), { once: true });
  const result = await upload.done();
  return result.ETag ?? null;
}

interface SourceObject {
  key: string;
  path: string;
  size: number;
  etag: string | null;
}

async function listSourceObjects(store: SourceStore, bucket: string, prefix: string, limits: DatasetLimits, signal?: AbortSignal): Promise<SourceObject[]> {
  const objects: SourceObject[] = [];
  let bytes = 0;
  try {
    for await (const page of listObjectsWithEtags(store.client, bucket, prefix)) {
      signal?.throwIfAborted();
      for (const object of page) {
        const relative = object.key.slice(prefix.length);
        if (relative === "" || relative.endsWith("/")) continue;
        const parts = relative.split("/");
        if (relative.startsWith("/") || parts.includes("..") || parts.includes(".") || parts.includes("")) {
          throw new ConsoleError("unprocessable", `The source holds an object named ${JSON.stringify(object.key)}, which is not a path inside the dataset; rename or remove it.`);
        }
        bytes += object.size;
        objects.push({ key: object.key, path: relative, size: object.size, etag: object.etag });
        if (objects.length > limits.maxEntries) {
          throw new ConsoleError("payload_too_large", `The source holds more than ${limits.maxEntries.toLocaleString("en")} files, over the limit (CONSOLE_ARCHIVE_MAX_ENTRIES).`);
        }
        if (bytes > limits.maxExpandedBytes) {
          throw new ConsoleError("payload_too_large", `The source holds more than ${formatBytes(limits.maxExpandedBytes)}, over the limit (CONSOLE_ARCHIVE_MAX_BYTES).`);
        }
      }
    }
  } catch (error) {
    throw fromStore(store, `s3://${bucket}/${prefix}`, error);
  }
  return objects;
}

async function* listObjectsWithEtags(client: S3Client, bucket: string, prefix: string) {
  // lib/storage's listObjects drops ETags; the sync needs them, so the raw pages are read here.
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token, MaxKeys: 1000 }));
    yield (page.Contents ?? []).map((o) => ({ key: o.Key ?? "", size: o.Size ?? 0, etag: o.ETag ?? null }));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

/** A cancelled sync stays a cancellation; anything else the store did is said in the console's words. */
function fromStore(store: SourceStore, what: string, error: unknown): unknown {
  return (error as Error).name === "AbortError" ? error : storeError(store.name, what, error);
}
