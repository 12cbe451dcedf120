// The embedded S3-protocol store for `npm start` and the tests: a real S3 server (s3rver) on
// loopback with its data in a directory, holding the registry bucket. It runs in a child process
// (see embedded-s3-server.mjs for why).
import { fork } from "node:child_process";
import path from "node:path";

export const EMBEDDED_S3_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/** Starts the store; resolves to its endpoint URL and a stop function. */
export function startEmbeddedS3({ directory, bucket = "model-center", port = 0 }) {
  const child = fork(path.join(import.meta.dirname, "embedded-s3-server.mjs"), [], {
    execArgv: ["--openssl-legacy-provider"],
    env: { ...process.env, EMBEDDED_S3_DIR: directory, EMBEDDED_S3_BUCKET: bucket, EMBEDDED_S3_PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the embedded object store exited (code ${code}) before it was ready`)));
    child.once("message", (message) => {
      if (message?.type !== "ready") return;
      child.removeAllListeners("exit");
      resolve({
        endpoint: `http://127.0.0.1:${message.port}`,
        ...EMBEDDED_S3_CREDENTIALS,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}
