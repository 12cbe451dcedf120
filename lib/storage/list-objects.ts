import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";

export interface StoredObject {
  key: string;
  size: number;
  lastModified: Date | null;
  /** The object's ETag without quotes: changes whenever its content does. */
  etag?: string | null;
}

/**
 * Every object under a prefix, or with a delimiter the "folders" directly below it, following
 * continuation tokens so buckets of any size are listed whole, a page at a time.
 */
export async function* listObjects(
  client: S3Client,
  bucket: string,
  prefix: string,
  { delimiter, pageSize = 1000 }: { delimiter?: string; pageSize?: number } = {},
): AsyncGenerator<{ objects: StoredObject[]; prefixes: string[] }> {
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: delimiter, MaxKeys: pageSize, ContinuationToken: token }),
    );
    yield {
      objects: (page.Contents ?? []).map((o) => ({ key: o.Key ?? "", size: o.Size ?? 0, lastModified: o.LastModified ?? null, etag: o.ETag?.replace(/"/g, "") ?? null })),
      prefixes: (page.CommonPrefixes ?? []).map((p) => p.Prefix ?? "").filter(Boolean),
    };
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

export async function listAll(client: S3Client, bucket: string, prefix: string, options?: { delimiter?: string; pageSize?: number }) {
  const objects: StoredObject[] = [];
  const prefixes: string[] = [];
  for await (const page of listObjects(client, bucket, prefix, options)) {
    objects.push(...page.objects);
    prefixes.push(...page.prefixes);
  }
  return { objects, prefixes };
}
