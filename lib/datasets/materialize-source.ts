import { randomBytes } from "node:crypto";
import { access, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ConsoleError } from "@/lib/errors/console-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { extractArchive } from "./archive/extract-archive";
import { datasetLimits, formatBytes, type DatasetLimits } from "./dataset-limits";
import { datasetSourceDir, datasetWorkDir } from "./dataset-paths";
import { parseDatasetSource, sampleSetOnlyMessage } from "./dataset-source";
import type { AddressPolicy } from "@/lib/security/address-policy";
import { downloadHttps } from "./remote/download-https";
import { pullPrefix, pushFolder, type SyncProgress } from "./remote/object-store-source";
import { sourceS3Client } from "./remote/source-s3-client";
import { assertSourceAccessible } from "./source-access";

/** A dataset's source as the console reads it. */
export interface SourceSpec {
  datasetId: string;
  sourceUri: string;
  /** Decrypted source credentials (never logged). */
  credentials: Record<string, string> | null;
}

export interface MaterializeOptions {
  signal?: AbortSignal;
  onProgress?(fraction: number, message: string): void;
  limits?: DatasetLimits;
  /** Which addresses https:// sources and the endpoints in a dataset's credentials may resolve to; the admin's setting when absent. */
  addressPolicy?: AddressPolicy;
  /** Where to look up what the console gave the dataset (its synthesis job); the console's database when absent. */
  prisma?: PrismaClient;
  /** An extra CA to trust for https:// sources (tests with a self-signed server). */
  tlsCa?: string | Buffer;
}

/**
 * Brings a dataset's files to this machine and returns the folder that holds them: an object-store
 * prefix is synced (only new or changed objects are downloaded), an https:// archive is downloaded
 * (resumably, skipped when unchanged) and extracted safely; an uploaded dataset is already here and is
 * published to the console's store if that is still pending. bos:// and hdfs:// cannot be read here.
 * Callers hold the dataset's lock (withDatasetLock) while they use the folder.
 */
export async function materializeSource(spec: SourceSpec, options: MaterializeOptions = {}): Promise<string> {
  const source = parseDatasetSource(spec.sourceUri);
  const limits = options.limits ?? datasetLimits();
  const work = datasetWorkDir(spec.datasetId);
  const dir = datasetSourceDir(spec.datasetId);
  await mkdir(work, { recursive: true });

  switch (source.kind) {
    case "sample-set-only":
      throw new ConsoleError("unprocessable", sampleSetOnlyMessage(source.scheme));

    case "object-store": {
      // Checked again here, not only at registration: a dataset registered before a rule does not get round it.
      await assertSourceAccessible(spec.sourceUri, spec.credentials, { datasetId: spec.datasetId }, { prisma: options.prisma });
      const store = sourceS3Client(source.scheme, spec.credentials, options.addressPolicy);
      const indexFile = path.join(work, "source.index.json");
      const sync = { limits, signal: options.signal };
      if (await exists(publishMarker(spec.datasetId))) {
        await pushFolder(store, source.bucket, source.prefix, dir, indexFile, {
          ...sync,
          onProgress: (p) => options.onProgress?.(fraction(p), `Publishing to the store: ${describe(p)}`),
        });
        await rm(publishMarker(spec.datasetId), { force: true });
      } else {
        await pullPrefix(store, source.bucket, source.prefix, dir, indexFile, {
          ...sync,
          onProgress: (p) => options.onProgress?.(fraction(p), p.filesTotal === 0 ? "The local copy is up to date" : `Downloading: ${describe(p)}`),
        });
      }
      return dir;
    }

    case "https": {
      const downloads = path.join(work, "download");
      await mkdir(downloads, { recursive: true });
      const archive = path.join(downloads, "archive");
      const metaFile = path.join(downloads, "archive.json");
      const present = await exists(dir);
      const previous = present ? await readJson<{ etag: string | null; lastModified: string | null }>(metaFile) : null;
      const result = await downloadHttps(source.url, archive, {
        authorization: spec.credentials?.authorization,
        maxBytes: limits.maxArchiveBytes,
        policy: options.addressPolicy,
        ca: options.tlsCa,
        signal: options.signal,
        previous,
        onProgress: (bytes, total) =>
          options.onProgress?.(total ? (bytes / total) * 0.8 : 0, `Downloading ${source.url.host}: ${formatBytes(bytes)}${total ? ` of ${formatBytes(total)}` : ""}`),
      });
      if (result.status === "not-modified" && present) {
        options.onProgress?.(1, "The source has not changed since it was downloaded");
        return dir;
      }
      options.onProgress?.(0.8, "Extracting the archive");
      const staging = path.join(work, `staging-${randomBytes(4).toString("hex")}`);
      try {
        const extracted = await extractArchive(archive, staging, {
          limits,
          signal: options.signal,
          onProgress: ({ entries }) => options.onProgress?.(0.8, `Extracting the archive: ${entries.toLocaleString("en")} entries`),
        });
        await replaceSourceFolder(spec.datasetId, extracted.root);
      } finally {
        await rm(staging, { recursive: true, force: true });
        await rm(archive, { force: true });
      }
      await writeFile(metaFile, JSON.stringify({ etag: result.etag, lastModified: result.lastModified, url: result.url }));
      options.onProgress?.(1, "Downloaded and extracted");
      return dir;
    }
  }
}

/** Makes `folder` the dataset's working copy, replacing the old one in two renames. */
export async function replaceSourceFolder(datasetId: string, folder: string): Promise<void> {
  const dir = datasetSourceDir(datasetId);
  const old = `${dir}.old-${randomBytes(4).toString("hex")}`;
  await rename(dir, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(folder, dir);
  await rm(old, { recursive: true, force: true });
}

/** An upload's files are the truth until they reach the store; this marks that they have not yet. */
export function publishMarker(datasetId: string): string {
  return path.join(datasetWorkDir(datasetId), "publish-pending");
}

export async function markPublishPending(datasetId: string): Promise<void> {
  await writeFile(publishMarker(datasetId), new Date().toISOString());
}

function fraction(p: SyncProgress): number {
  return p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.filesTotal > 0 ? p.filesDone / p.filesTotal : 1;
}

function describe(p: SyncProgress): string {
  return `${p.filesDone.toLocaleString("en")} of ${p.filesTotal.toLocaleString("en")} files (${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)})`;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch {
    return null;
  }
}
