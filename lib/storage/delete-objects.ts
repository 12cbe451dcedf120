import { DeleteObjectsCommand, type S3Client } from "@aws-sdk/client-s3";
import { listObjects } from "./list-objects";

/** Deletes the given keys, 1,000 per request (the S3 limit). */
export async function deleteKeys(client: S3Client, bucket: string, keys: string[]): Promise<number> {
  let deleted = 0;
  for (let start = 0; start < keys.length; start += 1000) {
    const batch = keys.slice(start, start + 1000);
    const result = await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
    if (result.Errors?.length) {
      const first = result.Errors[0]!;
      throw new Error(`could not delete ${result.Errors.length} object(s), first ${first.Key}: ${first.Code} ${first.Message ?? ""}`.trim());
    }
    deleted += batch.length;
  }
  return deleted;
}

/** Deletes every object under a prefix (a model version folder). */
export async function deletePrefix(client: S3Client, bucket: string, prefix: string): Promise<number> {
  if (!prefix.endsWith("/")) throw new Error(`refusing to delete "${prefix}": a prefix must end with "/"`);
  const keys: string[] = [];
  for await (const page of listObjects(client, bucket, prefix)) keys.push(...page.objects.map((o) => o.key));
  return deleteKeys(client, bucket, keys);
}
