import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  type S3Client,
} from "@aws-sdk/client-s3";

// S3 multipart upload driven by the console, one step per request, so a browser can send a large
// file part by part through the console (which holds the credentials) and resume after a failure.

export async function createMultipartUpload(client: S3Client, bucket: string, key: string, contentType = "application/octet-stream"): Promise<string> {
  const created = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType }));
  if (!created.UploadId) throw new Error(`the object store gave no upload id for ${key}`);
  return created.UploadId;
}

export async function uploadPart(client: S3Client, bucket: string, key: string, uploadId: string, partNumber: number, body: Uint8Array): Promise<string> {
  const part = await client.send(
    new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body, ContentLength: body.byteLength }),
  );
  if (!part.ETag) throw new Error(`the object store gave no ETag for part ${partNumber} of ${key}`);
  return part.ETag;
}

export async function completeMultipartUpload(
  client: S3Client,
  bucket: string,
  key: string,
  uploadId: string,
  parts: Array<{ partNumber: number; etag: string }>,
): Promise<void> {
  await client.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      UploadId: uploadId,
      MultipartUpload: { Parts: [...parts].sort((a, b) => a.partNumber - b.partNumber).map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
    }),
  );
}

/** Frees the parts of an abandoned upload. Some S3 servers (s3rver) lack the call; that is not an error here. */
export async function abortMultipartUpload(client: S3Client, bucket: string, key: string, uploadId: string): Promise<void> {
  try {
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 404 && status !== 405 && status !== 501) throw error;
  }
}
