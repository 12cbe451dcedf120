import { Readable } from "node:stream";
import { GetObjectCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";

export interface ObjectHead {
  size: number;
  etag: string | null;
  lastModified: Date | null;
  contentType: string | null;
}

/** Size and ETag of an object, or null when it does not exist. */
export async function headObject(client: S3Client, bucket: string, key: string): Promise<ObjectHead | null> {
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: head.ContentLength ?? 0, etag: head.ETag ?? null, lastModified: head.LastModified ?? null, contentType: head.ContentType ?? null };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * The object's body as a Node stream, read as it arrives: tarball listings, hashes and downloads
 * never hold a whole object in memory. `range` is an HTTP byte range (`bytes=0-1023`).
 */
export async function openObjectStream(
  client: S3Client,
  bucket: string,
  key: string,
  options: { signal?: AbortSignal; range?: string } = {},
): Promise<{ body: Readable; size: number; etag: string | null; contentType: string | null }> {
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: options.range }), { abortSignal: options.signal });
  if (!object.Body) throw new Error(`object ${key} has no body`);
  const body = object.Body instanceof Readable ? object.Body : Readable.fromWeb(object.Body.transformToWebStream() as never);
  return { body, size: object.ContentLength ?? 0, etag: object.ETag ?? null, contentType: object.ContentType ?? null };
}

/** A small object's text (manifests, alias files); null when it does not exist. */
export async function readObjectText(client: S3Client, bucket: string, key: string): Promise<string | null> {
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await object.Body?.transformToString("utf8")) ?? "";
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
}
