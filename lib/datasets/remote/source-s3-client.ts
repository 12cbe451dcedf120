import { S3Client } from "@aws-sdk/client-s3";
import { readConfig } from "@/lib/config/env";
import { guardedHttpAgent, guardedHttpsAgent, sourceAddressPolicy, type AddressPolicy } from "@/lib/security/address-policy";
import { objectStoreClient } from "@/lib/storage/s3-client";

/** A client for a dataset's bucket, and how to name its store in messages. */
export interface SourceStore {
  client: S3Client;
  /** `the object store at minio.example.com:9000`, `AWS S3`, `the console's object store`. */
  name: string;
}

/** Requests are sent unsigned: a source with an endpoint but no keys must not get the console's. */
const unsigned = { sign: async <T>(request: T) => request };

/**
 * The client that reads a dataset's bucket: the dataset's own credentials when it has them (with their
 * endpoint, or the console store's endpoint for minio://), else the console's store settings. Whether a
 * source may use the console's store at all is source-access.ts's question, asked before this.
 *
 * Any address the dataset chose (its endpoint, or AWS S3 reached with its own region and bucket names) is
 * connected to through agents that apply the address policy as the connection is made, so a dataset
 * cannot point the console at its own network, even through a name that rebinds after a first check.
 */
export function sourceS3Client(scheme: "s3" | "minio", credentials: Record<string, string> | null, policy: AddressPolicy = sourceAddressPolicy()): SourceStore {
  const store = readConfig().s3;
  if (!credentials?.accessKeyId && !credentials?.endpoint) return { client: objectStoreClient(store), name: "the console's object store" };
  // The console's own store endpoint (minio:// without one of the dataset's, or the same address typed in)
  // is the admin's address, not the dataset's; source-access.ts keeps such sources out of its internal objects.
  const ownEndpoint = credentials.endpoint && !sameOrigin(credentials.endpoint, store.endpoint) ? credentials.endpoint : null;
  const endpoint = credentials.endpoint ?? (scheme === "minio" ? store.endpoint : null);
  const guarded = ownEndpoint !== null || endpoint === null;
  const client = new S3Client({
    region: credentials.region ?? store.region,
    endpoint: endpoint ?? undefined,
    forcePathStyle: Boolean(endpoint),
    ...(credentials.accessKeyId
      ? { credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey ?? "", sessionToken: credentials.sessionToken } }
      : { credentials: { accessKeyId: "", secretAccessKey: "" }, signer: unsigned }),
    ...(guarded ? { requestHandler: { httpAgent: guardedHttpAgent(policy), httpsAgent: guardedHttpsAgent(policy) } } : {}),
    maxAttempts: 3,
  });
  return { client, name: endpoint ? (ownEndpoint ? `the object store at ${hostOf(endpoint)}` : "the console's object store") : "AWS S3" };
}

function sameOrigin(a: string, b: string | null): boolean {
  try {
    return b !== null && new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return "the dataset's endpoint";
  }
}
