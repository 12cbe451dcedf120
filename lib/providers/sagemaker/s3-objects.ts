import { DeleteObjectsCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { AwsClients } from "./aws-clients";
import { parseS3Uri } from "./s3-uri";

/** Deletes every object under an S3 prefix, a thousand per request. */
export async function deletePrefix(clients: AwsClients, uri: string): Promise<number> {
  const { bucket, key } = parseS3Uri(uri);
  const prefix = key.endsWith("/") ? key : `${key}/`;
  let deleted = 0;
  let token: string | undefined;
  do {
    const page = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    const objects = (page.Contents ?? []).map((object) => ({ Key: object.Key! }));
    if (objects.length > 0) {
      await clients.s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }));
      deleted += objects.length;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return deleted;
}
