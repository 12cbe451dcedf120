import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { mapConcurrent } from "@/lib/registry/map-concurrent";
import { listObjects } from "@/lib/storage/list-objects";
import type { DatasetCacheBackend, DatasetCacheSpec, DatasetCacheStatus } from "../dataset-cache";
import type { ResolvedTarget } from "../types";
import type { AwsClients } from "./aws-clients";
import { describeAwsError } from "./aws-errors";
import { deletePrefix } from "./s3-objects";
import { parseS3Uri } from "./s3-uri";
import { datasetCacheUri } from "./target-paths";

type SagemakerTarget = Extract<ResolvedTarget, { kind: "sagemaker" }>;

/** Parts of multipart uploads (S3 computes multipart ETags from these, so local hashes must too). */
export const PART_SIZE = 8 * 1024 * 1024;
const PARALLEL_FILES = 4;
const PROGRESS_EVERY_MS = 250;

export interface DatasetSyncDeps {
  /** The local folder with the dataset's files (the datasets domain fetches them from the source). */
  localRoot(spec: DatasetCacheSpec, options: { signal?: AbortSignal; onProgress?: (fraction: number, message: string) => void }): Promise<string>;
}

interface SyncMarker {
  dataset: string;
  version: number | null;
  files: number;
  bytes: number;
  syncedAt: string;
}

/**
 * A dataset version copied to the target's S3 prefix, where training channels read it. Objects
 * already there with the same size and ETag are skipped (re-syncing a version moves only what
 * changed, a resumed sync only what is missing); large files go up in parallel multipart parts.
 * A marker object beside the copy (`v<n>.ocr-console.json`, outside the channel) records a finished
 * sync, so the status is read from S3 rather than from this process.
 */
export function sagemakerDatasetCache(target: SagemakerTarget, clients: AwsClients, deps: DatasetSyncDeps): DatasetCacheBackend {
  const { config } = target;
  const locationOf = (spec: DatasetCacheSpec) => datasetCacheUri(config, { name: spec.name, version: spec.version });
  const markerOf = (location: string) => parseS3Uri(`${location.replace(/\/$/, "")}.ocr-console.json`);
  const context = { service: "S3", region: config.region, endpoint: config.s3Endpoint ?? config.endpointOverride };

  return {
    async cacheDataset(spec, { onProgress, signal } = {}) {
      const location = locationOf(spec);
      const { bucket, key: prefix } = parseS3Uri(location);
      const status = (partial: Partial<DatasetCacheStatus>): DatasetCacheStatus => ({
        state: "Syncing",
        phase: null,
        progress: 0,
        bytesDone: 0,
        bytesTotal: 0,
        location,
        message: null,
        ...partial,
      });
      try {
        onProgress?.(status({ phase: "Fetching", message: "Fetching the dataset's files" }));
        const root = await deps.localRoot(spec, {
          signal,
          onProgress: (fraction, message) => onProgress?.(status({ phase: "Fetching", progress: fraction * 0.1, message })),
        });
        const files = spec.files ?? (await walk(root));
        const bytesTotal = files.reduce((sum, file) => sum + file.size, 0);

        onProgress?.(status({ phase: "Comparing", bytesTotal, message: `Comparing ${files.length} files with ${location}` }));
        const remote = new Map<string, { size: number; etag: string }>();
        for await (const page of listObjects(clients.s3, bucket, prefix)) {
          for (const object of page.objects) remote.set(object.key, { size: object.size, etag: object.etag ?? "" });
        }

        let bytesDone = 0;
        let uploaded = 0;
        let skipped = 0;
        let lastReport = 0;
        const report = (force = false) => {
          if (!force && Date.now() - lastReport < PROGRESS_EVERY_MS) return;
          lastReport = Date.now();
          onProgress?.(
            status({
              phase: "Uploading",
              progress: bytesTotal > 0 ? bytesDone / bytesTotal : 1,
              bytesDone,
              bytesTotal,
              message: `${uploaded + skipped} of ${files.length} files (${skipped} unchanged)`,
            }),
          );
        };
        await mapConcurrent(files, PARALLEL_FILES, async (file) => {
          signal?.throwIfAborted();
          const local = path.join(root, ...file.path.split("/"));
          const objectKey = `${prefix}${file.path}`;
          const existing = remote.get(objectKey);
          if (existing && existing.size === file.size && (await etagMatches(local, existing.etag))) {
            skipped += 1;
            bytesDone += file.size;
            report();
            return;
          }
          let counted = 0;
          const upload = new Upload({
            client: clients.s3,
            params: { Bucket: bucket, Key: objectKey, Body: createReadStream(local), ContentLength: file.size },
            partSize: PART_SIZE,
            queueSize: 4,
            leavePartsOnError: false,
          });
          upload.on("httpUploadProgress", (event) => {
            const loaded = Math.min(event.loaded ?? 0, file.size);
            bytesDone += loaded - counted;
            counted = loaded;
            report();
          });
          const abort = () => void upload.abort();
          signal?.addEventListener("abort", abort, { once: true });
          try {
            await upload.done();
          } finally {
            signal?.removeEventListener("abort", abort);
          }
          bytesDone += file.size - counted;
          uploaded += 1;
          report();
        });

        const marker: SyncMarker = { dataset: spec.name, version: spec.version, files: files.length, bytes: bytesTotal, syncedAt: new Date().toISOString() };
        const markerLocation = markerOf(location);
        await clients.s3.send(
          new PutObjectCommand({ Bucket: markerLocation.bucket, Key: markerLocation.key, Body: JSON.stringify(marker, null, 2), ContentType: "application/json" }),
        );
        report(true);
        return {
          state: "Ready",
          phase: "Synced",
          progress: 1,
          bytesDone: bytesTotal,
          bytesTotal,
          location,
          message: `${uploaded} uploaded, ${skipped} unchanged`,
          details: { uploaded, skipped, files: files.length },
        };
      } catch (error) {
        if (signal?.aborted) throw error;
        return status({ state: "Failed", phase: "Failed", message: describeAwsError(error, { ...context, action: "s3:PutObject", subject: `bucket ${bucket}` }) });
      }
    },

    async cacheStatus(spec) {
      const location = locationOf(spec);
      const markerLocation = markerOf(location);
      try {
        const answer = await clients.s3.send(new GetObjectCommand({ Bucket: markerLocation.bucket, Key: markerLocation.key }));
        const marker = JSON.parse(await answer.Body!.transformToString()) as SyncMarker;
        return { state: "Ready", phase: "Synced", progress: 1, bytesDone: marker.bytes, bytesTotal: marker.bytes, location, message: `Synced ${marker.syncedAt}` };
      } catch (error) {
        const name = (error as Error).name;
        if (name === "NoSuchKey" || name === "NotFound") {
          return { state: "Pending", phase: null, progress: 0, bytesDone: 0, bytesTotal: 0, location: null, message: "Not synced to this target yet" };
        }
        return { state: "Failed", phase: null, progress: 0, bytesDone: 0, bytesTotal: 0, location: null, message: describeAwsError(error, context) };
      }
    },

    async evictDataset(spec) {
      const location = locationOf(spec);
      await deletePrefix(clients, location);
      const markerLocation = markerOf(location);
      await clients.s3.send(new DeleteObjectCommand({ Bucket: markerLocation.bucket, Key: markerLocation.key }));
    },
  };
}

/**
 * Whether a local file has this ETag: a plain MD5 for objects put whole, or S3's multipart form
 * (`md5(md5(part1)…md5(partN))-N`) computed with this module's part size. One read of the file.
 */
export async function etagMatches(file: string, etag: string): Promise<boolean> {
  const wanted = etag.replace(/"/g, "");
  const whole = createHash("md5");
  const parts: Buffer[] = [];
  let part = createHash("md5");
  let inPart = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    whole.update(chunk);
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(PART_SIZE - inPart, chunk.length - offset);
      part.update(chunk.subarray(offset, offset + take));
      inPart += take;
      offset += take;
      if (inPart === PART_SIZE) {
        parts.push(part.digest());
        part = createHash("md5");
        inPart = 0;
      }
    }
  }
  if (inPart > 0) parts.push(part.digest());
  if (!wanted.includes("-")) return whole.digest("hex") === wanted;
  return `${createHash("md5").update(Buffer.concat(parts)).digest("hex")}-${parts.length}` === wanted;
}

async function walk(root: string): Promise<Array<{ path: string; size: number }>> {
  const found: Array<{ path: string; size: number }> = [];
  const visit = async (dir: string, relative: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await visit(path.join(dir, entry.name), child);
      else if (entry.isFile()) found.push({ path: child, size: (await stat(path.join(dir, entry.name))).size });
    }
  };
  await visit(root, "");
  return found.sort((a, b) => (a.path < b.path ? -1 : 1));
}
