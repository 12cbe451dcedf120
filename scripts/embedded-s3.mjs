// The embedded S3-protocol store for `npm start` and the tests: a real S3 server (s3rver) on
// loopback with its data in a directory, holding the model-center bucket.
import { mkdirSync } from "node:fs";
import S3rver from "s3rver";

export const EMBEDDED_S3_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/** Starts the store; resolves to its endpoint URL and a stop function. */
export async function startEmbeddedS3({ directory, bucket = "model-center", port = 0 }) {
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: "127.0.0.1",
    port,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    ...EMBEDDED_S3_CREDENTIALS,
    stop: () => server.close(),
  };
}
