// The embedded S3 store's own process. It runs with --openssl-legacy-provider because s3rver signs
// its ListObjectsV2 continuation tokens with DES, which OpenSSL 3 refuses otherwise — without it,
// listing past the first 1,000 keys fails. Configuration in the environment; readiness over IPC.
import { mkdirSync } from "node:fs";
import S3rver from "s3rver";

const directory = process.env.EMBEDDED_S3_DIR;
const bucket = process.env.EMBEDDED_S3_BUCKET || "model-center";
mkdirSync(directory, { recursive: true });
const server = new S3rver({
  address: "127.0.0.1",
  port: Number(process.env.EMBEDDED_S3_PORT || 0),
  directory,
  silent: true,
  configureBuckets: [{ name: bucket, configs: [] }],
});
const address = await server.run();
process.send?.({ type: "ready", port: address.port });

const stop = () => server.close().finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// Never outlive the console or test run that started it.
process.on("disconnect", stop);
