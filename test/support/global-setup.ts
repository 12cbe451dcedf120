import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedS3 } from "../../scripts/embedded-s3.mjs";
import { findPostgresBinaries, startPostgres, type PostgresServer } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the run's PostgreSQL server, or "" when PostgreSQL is not installed (outside CI only). */
    postgresUrl: string;
    /** The run's S3-protocol server (the same embedded store `npm start` uses), bucket `model-center`. */
    objectStore: { endpoint: string; accessKeyId: string; secretAccessKey: string; bucket: string };
  }
}

// Heavy things start once per test run, here, and are shared by every test file.
let postgres: PostgresServer | null = null;
let objectStore: Awaited<ReturnType<typeof startEmbeddedS3>> | null = null;
let objectStoreDir = "";

export async function setup(project: TestProject) {
  if (findPostgresBinaries()) {
    postgres = await startPostgres();
    console.log(`[test] PostgreSQL ${postgres.version} on ${new URL(postgres.url).host}`);
  } else if (process.env.CI) {
    throw new Error("PostgreSQL is required in CI: .ci/run installs Debian's postgresql package.");
  } else {
    console.warn("[test] NOTICE: PostgreSQL binaries not found — PostgreSQL integration tests are SKIPPED. Install with: apt-get install postgresql");
  }
  project.provide("postgresUrl", postgres?.url ?? "");

  objectStoreDir = mkdtempSync(path.join(os.tmpdir(), "ocr-console-s3-"));
  objectStore = await startEmbeddedS3({ directory: objectStoreDir, bucket: "model-center" });
  project.provide("objectStore", {
    endpoint: objectStore.endpoint,
    accessKeyId: objectStore.accessKeyId,
    secretAccessKey: objectStore.secretAccessKey,
    bucket: "model-center",
  });
}

export async function teardown() {
  await postgres?.stop();
  await objectStore?.stop();
  if (objectStoreDir) rmSync(objectStoreDir, { recursive: true, force: true });
}
