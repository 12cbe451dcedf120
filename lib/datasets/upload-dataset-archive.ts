import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError } from "@/lib/errors/console-error";
import { latestJob } from "@/lib/jobs";
import { isActiveJob } from "@/lib/schemas/jobs";
import type { UploadResult } from "@/lib/schemas/datasets";
import { extractArchive } from "./archive/extract-archive";
import { datasetLimits, formatBytes } from "./dataset-limits";
import { isDatasetLocked, withDatasetLock } from "./dataset-lock";
import { datasetWorkDir, uploadsDir } from "./dataset-paths";
import { isUploadedDataset } from "./dataset-source";
import { toDatasetView } from "./dataset-view";
import { findDatasetOrThrow } from "./find-dataset";
import { markPublishPending, replaceSourceFolder } from "./materialize-source";
import { launchValidation, VALIDATE_JOB_KIND, type ValidationOptions } from "./start-dataset-validation";

export interface ArchiveUpload {
  /** The request body: a .zip, .tar or .tar.gz, streamed to disk as it arrives (never held in memory). */
  body: ReadableStream<Uint8Array> | null;
  /** The declared Content-Length, checked against the limit before reading. */
  contentLength: number | null;
}

/**
 * Receives a dataset's archive, extracts it safely into the dataset's working copy (refusing traversal,
 * links and bombs with a 4xx and keeping nothing of a refused archive), marks it to be published to the
 * console's store, and starts its validation. Replaces the files of an earlier upload.
 */
export async function uploadDatasetArchive(prisma: PrismaClient, actor: Actor, rawName: unknown, upload: ArchiveUpload, options: ValidationOptions = {}): Promise<UploadResult> {
  const dataset = await findDatasetOrThrow(prisma, actor, rawName);
  if (!isUploadedDataset(dataset)) {
    throw new ConsoleError("conflict", `Dataset ${dataset.name} reads its files from ${dataset.sourceUri}. Archives are uploaded to datasets registered with "Upload an archive" as their source.`);
  }
  const running = await latestJob({ subjectType: "dataset", subjectId: dataset.id, kind: VALIDATE_JOB_KIND }, { prisma });
  if ((running && isActiveJob(running)) || isDatasetLocked(dataset.id)) {
    throw new ConsoleError("conflict", `Dataset ${dataset.name}'s files are in use by a validation or a cache copy; cancel it or wait for it to finish, then upload again.`);
  }
  const limits = options.limits ?? datasetLimits();
  if (upload.contentLength !== null && upload.contentLength > limits.maxArchiveBytes) throw tooLarge(upload.contentLength, limits.maxArchiveBytes);
  if (!upload.body) throw new ConsoleError("bad_request", "Send the archive as the request body (Content-Type application/zip or application/gzip).");
  const body = upload.body;

  const received = await withDatasetLock(dataset.id, async () => {
    await mkdir(uploadsDir(), { recursive: true });
    const archive = path.join(uploadsDir(), `${dataset.id}-${randomBytes(6).toString("hex")}.upload`);
    const staging = path.join(datasetWorkDir(dataset.id), `staging-${randomBytes(4).toString("hex")}`);
    try {
      const bytes = await receive(body, archive, limits.maxArchiveBytes);
      const extracted = await extractArchive(archive, staging, { limits });
      await replaceSourceFolder(dataset.id, extracted.root);
      await markPublishPending(dataset.id);
      return { format: extracted.format, bytes, files: extracted.files, expandedBytes: extracted.expandedBytes };
    } finally {
      await rm(archive, { force: true });
      await rm(staging, { recursive: true, force: true });
    }
  });

  await auditBy(prisma, actor, { action: "dataset.upload", objectType: "dataset", objectId: dataset.id, details: { name: dataset.name, ...received } });
  const validation = await launchValidation(prisma, actor, dataset, options);
  const fresh = await findDatasetOrThrow(prisma, actor, dataset.name);
  return { dataset: toDatasetView(fresh), upload: received, validation };
}

async function receive(body: ReadableStream<Uint8Array>, file: string, maxBytes: number): Promise<number> {
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) return callback(tooLarge(bytes, maxBytes));
      callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), meter, createWriteStream(file));
  } catch (error) {
    if (error instanceof ConsoleError) throw error;
    throw new ConsoleError("bad_request", `The upload did not arrive whole (${error instanceof Error ? error.message : String(error)}); send it again.`);
  }
  if (bytes === 0) throw new ConsoleError("bad_request", "The upload is empty: send the archive as the request body.");
  return bytes;
}

function tooLarge(bytes: number, max: number): ConsoleError {
  return new ConsoleError("payload_too_large", `The archive is larger than the limit of ${formatBytes(max)} (${formatBytes(bytes)} or more); an admin can raise CONSOLE_MAX_UPLOAD_BYTES.`);
}
