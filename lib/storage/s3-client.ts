import { S3Client } from "@aws-sdk/client-s3";
import { readConfig, type ConsoleConfig } from "@/lib/config/env";

/**
 * The object store client: MinIO or the embedded store when S3_ENDPOINT is set (path-style URLs),
 * otherwise AWS S3 through the default credential chain.
 */
export function createS3Client(s3: ConsoleConfig["s3"] = readConfig().s3): S3Client {
  return new S3Client({
    region: s3.region,
    endpoint: s3.endpoint ?? undefined,
    forcePathStyle: Boolean(s3.endpoint),
    credentials:
      s3.accessKeyId && s3.secretAccessKey
        ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }
        : undefined,
    maxAttempts: 2,
  });
}
