import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readdir, stat, statfs } from "node:fs/promises";
import path from "node:path";
import { PassThrough, Transform, type Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import * as tar from "tar-stream";
import yauzl from "yauzl";
import { ConsoleError } from "@/lib/errors/console-error";
import { formatBytes, type DatasetLimits } from "../dataset-limits";
import { refusedArchive, safeEntryPath } from "./safe-entry-path";

export type ArchiveFormat = "zip" | "tar" | "tar.gz";

export interface ExtractResult {
  format: ArchiveFormat;
  files: number;
  folders: number;
  expandedBytes: number;
  /**
   * Where the dataset starts: the destination, or its only folder when the archive wraps everything in one
   * (zipping a folder does that), so `train.txt` is found whichever way the user packed it.
   */
  root: string;
}

export interface ExtractOptions {
  limits: DatasetLimits;
  signal?: AbortSignal;
  onProgress?(progress: { entries: number; bytes: number }): void;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
/** Folders macOS adds to zips; never part of a dataset. */
const IGNORED_TOP_LEVEL = new Set(["__MACOSX", ".DS_Store"]);

/** zip, tar or gzip-compressed tar by their first bytes, whatever the file is called. */
export async function detectArchiveFormat(file: string): Promise<ArchiveFormat | null> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, 512, 0);
    if (bytesRead >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) return "zip";
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "tar.gz";
    if (bytesRead >= 262 && head.toString("latin1", 257, 262) === "ustar") return "tar";
    return null;
  } finally {
    await handle.close();
  }
}

/**
 * Extracts an archive into an empty folder, refusing (with nothing kept worth using; the caller deletes
 * the folder) any entry that would land outside it (`..`, absolute paths), links of either kind,
 * devices, encrypted entries, and archives that exceed the entry and size limits — zip bombs among them.
 * Zip archives are checked whole from their central directory before a byte is written.
 */
export async function extractArchive(file: string, destination: string, options: ExtractOptions): Promise<ExtractResult> {
  const format = await detectArchiveFormat(file);
  if (!format) throw new ConsoleError("unsupported_media_type", "This is not a .zip, .tar or .tar.gz archive. Upload the dataset as one of those.");
  await mkdir(destination, { recursive: true });
  const archiveBytes = (await stat(file)).size;
  const counts = format === "zip" ? await extractZip(file, destination, archiveBytes, options) : await extractTar(file, destination, format, archiveBytes, options);
  return { format, ...counts, root: await datasetRoot(destination) };
}

interface Counts {
  files: number;
  folders: number;
  expandedBytes: number;
}

async function extractZip(file: string, destination: string, archiveBytes: number, options: ExtractOptions): Promise<Counts> {
  const { limits, signal } = options;
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, decodeStrings: true, strictFileNames: false, validateEntrySizes: true });
  } catch (error) {
    throw damaged(error);
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw tooManyEntries(zip.entryCount, limits);
    // The central directory lists every entry with its size: check them all before writing anything.
    const entries: Array<{ entry: yauzl.Entry; target: string; folder: boolean }> = [];
    let declared = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        throwIfAborted(signal);
        const target = safeEntryPath(entry.fileName);
        const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
        if (mode === S_IFLNK) throw refusedArchive(entry.fileName, "is a symbolic link; archives must hold plain files only");
        if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) throw refusedArchive(entry.fileName, "is not a plain file or folder");
        if (entry.isEncrypted()) throw refusedArchive(entry.fileName, "is encrypted; upload an archive without a password");
        const folder = entry.fileName.endsWith("/") || mode === S_IFDIR;
        if (!folder && !entry.canDecodeFileData()) throw refusedArchive(entry.fileName, `uses a compression method the console cannot read (${entry.compressionMethod}); use deflate`);
        declared += entry.uncompressedSize;
        checkExpanded(declared, archiveBytes, limits);
        if (target !== "") entries.push({ entry, target, folder });
      }
    } catch (error) {
      throw error instanceof ConsoleError ? error : zipNameError(error) ?? damaged(error);
    }
    await ensureSpace(destination, declared);

    const counted = budget(limits, archiveBytes);
    const result: Counts = { files: 0, folders: 0, expandedBytes: 0 };
    for (const { entry, target, folder } of entries) {
      throwIfAborted(signal);
      const where = path.join(destination, target);
      if (folder) {
        await makeFolder(where, entry.fileName);
        result.folders++;
        continue;
      }
      await makeFolder(path.dirname(where), entry.fileName);
      let stream: Readable;
      try {
        stream = await zip.openReadStreamPromise(entry);
      } catch (error) {
        throw damaged(error);
      }
      await writeEntry(stream, where, entry.fileName, counted, signal);
      result.files++;
      result.expandedBytes = counted.total();
      options.onProgress?.({ entries: result.files + result.folders, bytes: result.expandedBytes });
    }
    return result;
  } finally {
    zip.close();
  }
}

async function extractTar(file: string, destination: string, format: "tar" | "tar.gz", archiveBytes: number, options: ExtractOptions): Promise<Counts> {
  const { limits, signal } = options;
  const extract = tar.extract();
  const source = createReadStream(file);
  // Everything tar-stream reads is counted too: a gzip of endless zero blocks must not spin forever.
  const rawLimit = limits.maxExpandedBytes + 1024 * (limits.maxEntries + 2) + 2 ** 20;
  let rawBytes = 0;
  const rawCounter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      rawBytes += chunk.length;
      if (rawBytes > rawLimit) return callback(tooLarge(rawBytes, limits));
      callback(null, chunk);
    },
  });
  // tar-stream's streams are streamx streams, which Node's pipeline drives like its own.
  const feeding = pipeline(source, format === "tar.gz" ? createGunzip() : new PassThrough(), rawCounter, extract as unknown as Writable).catch((error: unknown) => {
    extract.destroy(error instanceof Error ? error : new Error(String(error)));
  });

  const counted = budget(limits, archiveBytes);
  const result: Counts = { files: 0, folders: 0, expandedBytes: 0 };
  let entries = 0;
  try {
    for await (const entry of extract) {
      throwIfAborted(signal);
      // PAX and GNU long-name headers are folded into the entry they describe by tar-stream.
      const { header } = entry;
      entries++;
      if (entries > limits.maxEntries) throw tooManyEntries(entries, limits);
      const target = safeEntryPath(header.name);
      const where = path.join(destination, target);
      switch (header.type) {
        case "directory":
          entry.resume();
          if (target !== "") await makeFolder(where, header.name);
          result.folders++;
          break;
        case "file":
        case "contiguous-file":
          if (target === "") throw refusedArchive(header.name, "has no file name");
          checkExpanded(counted.total() + (header.size ?? 0), archiveBytes, limits);
          await makeFolder(path.dirname(where), header.name);
          await writeEntry(entry as unknown as Readable, where, header.name, counted, signal);
          result.files++;
          break;
        case "symlink":
          throw refusedArchive(header.name, `is a symbolic link (to ${JSON.stringify(header.linkname ?? "")}); archives must hold plain files only`);
        case "link":
          throw refusedArchive(header.name, `is a hard link (to ${JSON.stringify(header.linkname ?? "")}); archives must hold plain files only`);
        default:
          throw refusedArchive(header.name, `is a ${header.type}, not a plain file or folder`);
      }
      result.expandedBytes = counted.total();
      options.onProgress?.({ entries, bytes: result.expandedBytes });
    }
    await feeding;
    return result;
  } catch (error) {
    source.destroy();
    if (error instanceof ConsoleError || isAbort(error)) throw error;
    throw damaged(error);
  }
}

/** Counts bytes written across all entries against the expanded-size limit. */
function budget(limits: DatasetLimits, archiveBytes: number) {
  let total = 0;
  return {
    add(bytes: number) {
      total += bytes;
      checkExpanded(total, archiveBytes, limits);
    },
    total: () => total,
  };
}

async function writeEntry(stream: Readable, where: string, name: string, counted: ReturnType<typeof budget>, signal: AbortSignal | undefined) {
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        counted.add(chunk.length);
        callback(null, chunk);
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  try {
    await pipeline(stream, meter, createWriteStream(where, { flags: "w", mode: 0o644 }), signal ? { signal } : {});
  } catch (error) {
    if (error instanceof ConsoleError || isAbort(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EISDIR" || code === "ENOTDIR" || code === "EEXIST") throw refusedArchive(name, "clashes with a folder or file of the same name");
    throw damaged(error);
  }
}

async function makeFolder(where: string, name: string): Promise<void> {
  try {
    await mkdir(where, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR" || code === "EEXIST") throw refusedArchive(name, "clashes with a file of the same name");
    throw error;
  }
}

function checkExpanded(expanded: number, archiveBytes: number, limits: DatasetLimits): void {
  if (expanded > limits.maxExpandedBytes) throw tooLarge(expanded, limits);
  if (expanded > limits.ratioCheckAboveBytes && expanded > archiveBytes * limits.maxCompressionRatio) {
    throw new ConsoleError(
      "payload_too_large",
      `The archive was refused: it expands ${Math.round(expanded / Math.max(1, archiveBytes))}× (${formatBytes(archiveBytes)} → more than ${formatBytes(expanded)}), which only a zip bomb does. Nothing was extracted.`,
    );
  }
}

function tooLarge(expanded: number, limits: DatasetLimits): ConsoleError {
  return new ConsoleError(
    "payload_too_large",
    `The archive was refused: it expands to more than ${formatBytes(Math.min(expanded, limits.maxExpandedBytes + 1))}, over the limit of ${formatBytes(limits.maxExpandedBytes)} (CONSOLE_ARCHIVE_MAX_BYTES). Nothing was extracted.`,
  );
}

function tooManyEntries(count: number, limits: DatasetLimits): ConsoleError {
  return new ConsoleError(
    "payload_too_large",
    `The archive was refused: it holds ${count > limits.maxEntries + 1 ? count.toLocaleString("en") : "more than " + limits.maxEntries.toLocaleString("en")} entries, over the limit of ${limits.maxEntries.toLocaleString("en")} (CONSOLE_ARCHIVE_MAX_ENTRIES). Nothing was extracted.`,
  );
}

async function ensureSpace(destination: string, bytes: number): Promise<void> {
  const fs = await statfs(destination).catch(() => null);
  if (!fs) return;
  const free = fs.bavail * fs.bsize;
  // Keep some room for the console's own database and the store.
  if (bytes > free - 512 * 2 ** 20) {
    throw new ConsoleError("payload_too_large", `The archive expands to ${formatBytes(bytes)}, but the console's disk has only ${formatBytes(free)} free.`);
  }
}

/** yauzl checks names itself when decoding them; its words become ours. */
function zipNameError(error: unknown): ConsoleError | null {
  const message = error instanceof Error ? error.message : "";
  const match = /^(absolute path|invalid relative path|invalid characters in fileName): (.*)$/s.exec(message);
  if (!match) return null;
  const why = match[1] === "absolute path" ? "is an absolute path" : match[1] === "invalid relative path" ? 'climbs out of the dataset with ".."' : "has characters a file name cannot have";
  return refusedArchive(match[2]!, why);
}

function damaged(error: unknown): ConsoleError {
  const detail = error instanceof Error ? error.message : String(error);
  return new ConsoleError("unprocessable", `The archive cannot be read (${detail}). Check that the upload finished and the file opens on your machine.`);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException("Extraction was aborted", "AbortError");
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

async function datasetRoot(destination: string): Promise<string> {
  const entries = (await readdir(destination, { withFileTypes: true })).filter((e) => !IGNORED_TOP_LEVEL.has(e.name));
  const only = entries[0];
  return entries.length === 1 && only?.isDirectory() ? path.join(destination, only.name) : destination;
}
