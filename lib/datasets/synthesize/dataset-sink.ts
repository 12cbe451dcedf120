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
  return {
    uri: `s3://${bucket}/${base}`,
    async write(relativePath, body, contentType) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${base}${relativePath}`, Body: body, ContentType: contentType }));
    },
    async remove() {
      await deletePrefix(client, bucket, base);
    },
  };
}
