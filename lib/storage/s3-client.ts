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

// One client per configured store for the whole process: a client holds its own connection pool,
// so making one per request would open new connections every time.
const globalForS3 = globalThis as typeof globalThis & { __ocrConsoleS3?: Map<string, S3Client> };

/** The shared client of the configured object store. */
export function objectStoreClient(s3: ConsoleConfig["s3"] = readConfig().s3): S3Client {
  const clients = (globalForS3.__ocrConsoleS3 ??= new Map());
  const key = JSON.stringify(s3);
  let client = clients.get(key);
  if (!client) {
    client = createS3Client(s3);
    clients.set(key, client);
  }
  return client;
}
