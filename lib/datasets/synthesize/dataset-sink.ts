import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { deletePrefix } from "@/lib/storage/delete-objects";

/** Where generated files go: a folder for tests and tools, the object store for the console. */
export interface DatasetSink {
  /** `relativePath` uses forward slashes, as in PaddleOCR label files. */
  write(relativePath: string, body: Uint8Array, contentType: string): Promise<void>;
}

export function directorySink(root: string): DatasetSink {
  return {
    async write(relativePath, body) {
      const file = path.join(root, ...relativePath.split("/"));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, body);
    },
  };
}

export interface ObjectStoreSink extends DatasetSink {
  /** s3://bucket/prefix/ — the dataset's source URI once registered. */
  readonly uri: string;
  /** Deletes everything written under the prefix: a cancelled or failed run leaves nothing half-made behind. */
  remove(): Promise<void>;
}

export function objectStoreSink(client: S3Client, bucket: string, prefix: string): ObjectStoreSink {
  const base = prefix.endsWith("/") ? prefix : `${prefix}/`;
  // Uploads still in flight when the run is cancelled would land after the clean-up: remove() waits
  // for them, and refuses any write after it.
  const inFlight = new Set<Promise<unknown>>();
  let removed = false;
  return {
    uri: `s3://${bucket}/${base}`,
    async write(relativePath, body, contentType) {
      if (removed) throw new Error("The dataset's files were removed; nothing more is written.");
      const upload = client.send(new PutObjectCommand({ Bucket: bucket, Key: `${base}${relativePath}`, Body: body, ContentType: contentType }));
      inFlight.add(upload);
      try {
        await upload;
      } finally {
        inFlight.delete(upload);
      }
    },
    async remove() {
      removed = true;
      await Promise.allSettled([...inFlight]);
      await deletePrefix(client, bucket, base);
    },
  };
}
