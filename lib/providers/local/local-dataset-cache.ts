import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { access, appendFile, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { withDatasetLock } from "@/lib/datasets/dataset-lock";
import { formatBytes } from "@/lib/datasets/dataset-limits";
import { localCacheDir } from "@/lib/datasets/dataset-paths";
import { forEachLimited } from "@/lib/datasets/local-files";
import { materializeSource } from "@/lib/datasets/materialize-source";
import type { DatasetCacheBackend, DatasetCacheSpec, DatasetCacheStatus } from "../dataset-cache";

// The local target's cache: a copy of one dataset version in <dataDir>/cache/datasets/<id>/v<version>,
// which training on this machine reads. Each file is checked against the version's sha256 as it is
// copied; `v<N>.ledger` lists the files done, so an interrupted copy resumes where it stopped (a
// half-copied file from its `.part`), and `v<N>.ready` marks a complete one.

const COPIES_AT_ONCE = 4;
const globalForCopies = globalThis as typeof globalThis & { __ocrConsoleLocalCacheCopies?: Set<string> };
const copying = () => (globalForCopies.__ocrConsoleLocalCacheCopies ??= new Set());

export class ChecksumMismatch extends Error {
  constructor(file: string, version: number) {
    super(`${file} is not the file validated in version ${version} (its sha256 differs): the source changed since. Validate the dataset again and cache the new version.`);
    this.name = "ChecksumMismatch";
  }
}

export const localDatasetCache: DatasetCacheBackend = {
  async cacheDataset(spec, { onProgress, signal } = {}) {
    const files = spec.files;
    if (!files || spec.version === null) return failed("Validate the dataset first: the cache holds a validated version, checked file by file.");
    if (files.some((f) => !f.sha256)) return failed("The version's manifest has no checksums; validate the dataset again.");
    const dest = localCacheDir(spec.datasetId, spec.version);
    if (await exists(readyMarker(dest))) return ready(dest, totalOf(files));

    copying().add(dest);
    const bytesTotal = totalOf(files);
    let bytesDone = 0;
    let report = (message: string, phase = "Copying") =>
      onProgress?.({ state: "Syncing", phase, progress: bytesTotal ? bytesDone / bytesTotal : 0, bytesDone, bytesTotal, location: null, message });
    try {
      return await withDatasetLock(
        spec.datasetId,
        async () => {
          const source = await materializeSource(
            { datasetId: spec.datasetId, sourceUri: spec.sourceUri, credentials: spec.credentials },
            { signal, onProgress: (_, message) => onProgress?.({ state: "Syncing", phase: "Fetching", progress: 0, bytesDone: 0, bytesTotal, location: null, message }) },
          );
          await mkdir(dest, { recursive: true });
          const done = await readLedger(dest);
          const pending: typeof files = [];
          for (const file of files) {
            const copied = done.has(file.path) && (await stat(path.join(dest, file.path)).then((s) => s.size === file.size, () => false));
            if (copied) bytesDone += file.size;
            else pending.push(file);
          }
          report(`${pending.length === files.length ? "Copying" : "Resuming"}: ${files.length - pending.length} of ${files.length} files already here`);
          let lastReport = 0;
          let filesDone = files.length - pending.length;
          const copyingMessage = () => `Copying: ${filesDone} of ${files.length} files, ${formatBytes(bytesDone)} of ${formatBytes(bytesTotal)}`;
          const tick = (bytes: number) => {
            bytesDone += bytes;
            if (Date.now() - lastReport > 250) {
              lastReport = Date.now();
              report(copyingMessage());
            }
          };
          await forEachLimited(
            pending,
            COPIES_AT_ONCE,
            async (file) => {
              await copyChecked(path.join(source, file.path), path.join(dest, file.path), file, spec.version!, tick, signal);
              await appendFile(ledgerFile(dest), `${file.path}\n`);
              filesDone++;
              report(copyingMessage());
            },
            signal,
          );
          await writeFile(readyMarker(dest), JSON.stringify({ version: spec.version, files: files.length, bytes: bytesTotal, at: new Date().toISOString() }));
          return ready(dest, bytesTotal);
        },
        { signal, onWait: () => report("Waiting for other work on this dataset", "Waiting") },
      );
    } catch (error) {
      if ((error as Error).name === "AbortError") throw error;
      return { ...failed(error instanceof Error ? error.message : String(error)), bytesDone, bytesTotal, progress: bytesTotal ? bytesDone / bytesTotal : 0 };
    } finally {
      copying().delete(dest);
      report = () => undefined;
    }
  },

  async cacheStatus(spec) {
    if (spec.version === null) return { ...pendingStatus(), message: "Not cached: the dataset has no validated version" };
    const dest = localCacheDir(spec.datasetId, spec.version);
    const bytesTotal = totalOf(spec.files ?? []);
    if (await exists(readyMarker(dest))) return ready(dest, bytesTotal);
    const done = await readLedger(dest);
    const bytesDone = (spec.files ?? []).filter((f) => done.has(f.path)).reduce((sum, f) => sum + f.size, 0);
    const active = copying().has(dest);
    return {
      state: active ? "Syncing" : "Pending",
      phase: active ? "Copying" : done.size ? "Interrupted" : null,
      progress: bytesTotal ? bytesDone / bytesTotal : 0,
      bytesDone,
      bytesTotal,
      location: null,
      message: active ? null : done.size ? `Interrupted after ${done.size} of ${spec.files?.length ?? 0} files; cache again to resume` : null,
    };
  },

  async evictDataset(spec) {
    if (spec.version === null) return;
    const dest = localCacheDir(spec.datasetId, spec.version);
    await rm(readyMarker(dest), { force: true });
    await rm(ledgerFile(dest), { force: true });
    await rm(dest, { recursive: true, force: true });
  },
};

/** Copies one file (resuming its `.part`), hashing as it goes; refuses the file if its hash is not the manifest's. */
async function copyChecked(
  from: string,
  to: string,
  file: { path: string; size: number; sha256?: string },
  version: number,
  tick: (bytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const size = await stat(from).then((s) => s.size, () => -1);
  if (size !== file.size) {
    throw new Error(size < 0 ? `${file.path} is missing from the source; validate the dataset again.` : `${file.path} has ${size} bytes, not the ${file.size} validated in version ${version}: the source changed since. Validate the dataset again and cache the new version.`);
  }
  await mkdir(path.dirname(to), { recursive: true });
  const part = `${to}.part`;
  const hash = createHash("sha256");
  let offset = await stat(part).then((s) => (s.size <= file.size ? s.size : 0), () => 0);
  if (offset > 0) {
    for await (const chunk of createReadStream(part, { end: offset - 1 })) hash.update(chunk as Buffer);
    tick(offset);
  }
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      tick(chunk.length);
      callback(null, chunk);
    },
  });
  if (offset < file.size || file.size === 0) {
    await pipeline(createReadStream(from, { start: offset }), meter, createWriteStream(part, { flags: offset > 0 ? "a" : "w" }), signal ? { signal } : {});
    offset = file.size;
  }
  if (hash.digest("hex") !== file.sha256) {
    await rm(part, { force: true });
    throw new ChecksumMismatch(file.path, version);
  }
  await rename(part, to);
}

function ledgerFile(dest: string): string {
  return `${dest}.ledger`;
}

function readyMarker(dest: string): string {
  return `${dest}.ready`;
}

async function readLedger(dest: string): Promise<Set<string>> {
  const text = await readFile(ledgerFile(dest), "utf8").catch(() => "");
  return new Set(text.split("\n").filter(Boolean));
}

function totalOf(files: DatasetCacheSpec["files"] & object): number {
  return files.reduce((sum, f) => sum + f.size, 0);
}

function ready(location: string, bytes: number): DatasetCacheStatus {
  return { state: "Ready", phase: "Ready", progress: 1, bytesDone: bytes, bytesTotal: bytes, location, message: null };
}

function pendingStatus(): DatasetCacheStatus {
  return { state: "Pending", phase: null, progress: 0, bytesDone: 0, bytesTotal: 0, location: null, message: null };
}

function failed(message: string): DatasetCacheStatus {
  return { state: "Failed", phase: "Failed", progress: 0, bytesDone: 0, bytesTotal: 0, location: null, message };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
