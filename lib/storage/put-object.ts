import type { Readable } from "node:stream";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";

/** Writes a small object (a manifest, an alias file) in one request. */
export async function putObjectText(client: S3Client, bucket: string, key: string, text: string, contentType = "application/json"): Promise<{ etag: string | null }> {
  const body = Buffer.from(text, "utf8");
  const result = await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentLength: body.byteLength, ContentType: contentType }));
  return { etag: result.ETag ?? null };
}

/**
 * Streams a body of any size into an object: one request for small bodies, S3 multipart upload
 * (parts of `partSize`, a few in flight) for large ones, so a 2 GB tarball never sits in memory.
 */
export async function putObjectStream(
  client: S3Client,
  bucket: string,
  key: string,
  body: Readable | Uint8Array,
  options: { contentType?: string; partSize?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const upload = new Upload({
    client,
    params: { Bucket: bucket, Key: key, Body: body, ContentType: options.contentType ?? "application/octet-stream" },
    partSize: options.partSize ?? 8 * 1024 * 1024,
    queueSize: 3,
  });
  if (options.signal) options.signal.addEventListener("abort", () => void upload.abort(), { once: true });
  await upload.done();
}
