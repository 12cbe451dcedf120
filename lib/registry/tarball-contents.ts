import { createGunzip } from "node:zlib";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";
import { DigestStream } from "./file-digest";

// Tarballs (`<model>.tar.gz` from PaddleCloud's model hub, SageMaker's `model.tar.gz`) are listed
// by streaming them once: the body goes through gunzip into a tar parser entry by entry, and only
// headers are kept. Nothing is buffered whole, so a multi-gigabyte tarball costs one read.

export const MAX_LISTED_ENTRIES = 5000;

export interface TarballListing {
  entries: Array<{ path: string; size: number }>;
  truncated: boolean;
  /** sha256 and size of the tarball itself, computed in the same pass. */
  sha256: string;
  size: number;
}

export function isGzipName(name: string): boolean {
  return /\.(gz|tgz)$/i.test(name);
}

/** Lists the files of a tar or tar.gz stream (read to its end, so its sha256 comes for free). */
export async function listTarball(body: Readable, name: string, maxEntries = MAX_LISTED_ENTRIES): Promise<TarballListing> {
  const digest = new DigestStream();
  const extract = tar.extract();
  const entries: TarballListing["entries"] = [];
  let truncated = false;
  const reading = (async () => {
    for await (const entry of extract) {
      const { type, size, name: entryName } = entry.header;
      if (type === "file" || type === "contiguous-file") {
        if (entries.length < maxEntries) entries.push({ path: cleanEntryPath(entryName), size: size ?? 0 });
        else truncated = true;
      }
      entry.resume();
    }
  })();
  const piping = isGzipName(name) ? pipeline(body, digest, createGunzip(), extract) : pipeline(body, digest, extract);
  await Promise.all([piping, reading]).catch((error: Error) => {
    throw new Error(`${name} is not a readable tarball: ${error.message}`);
  });
  return { entries, truncated, sha256: digest.sha256(), size: digest.bytes };
}

/**
 * The text of the first entry whose path satisfies `wanted` (say config.yml), up to `maxBytes`;
 * reading stops there rather than at the end of the tarball.
 */
export async function readTarballEntry(
  body: Readable,
  name: string,
  wanted: (path: string) => boolean,
  maxBytes = 256 * 1024,
): Promise<{ path: string; text: string; truncated: boolean } | null> {
  const extract = tar.extract();
  const source = isGzipName(name) ? body.pipe(createGunzip()) : body;
  source.on("error", (error) => extract.destroy(error));
  source.pipe(extract);
  try {
    for await (const entry of extract) {
      const path = cleanEntryPath(entry.header.name);
      const isFile = entry.header.type === "file" || entry.header.type === "contiguous-file";
      if (!isFile || !wanted(path)) {
        entry.resume();
        continue;
      }
      const chunks: Buffer[] = [];
      let length = 0;
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        length += chunk.byteLength;
        if (length >= maxBytes) break;
      }
      const text = Buffer.concat(chunks).subarray(0, maxBytes).toString("utf8");
      return { path, text, truncated: (entry.header.size ?? 0) > maxBytes };
    }
    return null;
  } finally {
    body.destroy();
    extract.destroy();
  }
}

/** Extracts every file of a tarball stream below `write`, which receives safe relative paths only. */
export async function extractTarball(body: Readable, name: string, write: (path: string, content: Readable) => Promise<void>): Promise<number> {
  const extract = tar.extract();
  let count = 0;
  const reading = (async () => {
    for await (const entry of extract) {
      const path = cleanEntryPath(entry.header.name);
      const isFile = entry.header.type === "file" || entry.header.type === "contiguous-file";
      if (!isFile || !isSafeRelativePath(path)) {
        entry.resume();
        continue;
      }
      await write(path, entry as unknown as Readable);
      count += 1;
    }
  })();
  await Promise.all([isGzipName(name) ? pipeline(body, createGunzip(), extract) : pipeline(body, extract), reading]);
  return count;
}

function cleanEntryPath(path: string): string {
  return path.replace(/^(\.\/)+/, "");
}

export function isSafeRelativePath(path: string): boolean {
  return path.length > 0 && !path.startsWith("/") && !path.split("/").some((part) => part === ".." || part === "") && !path.includes("\0");
}
