import type { TestProject } from "vitest/node";
import { findPostgresBinaries, startPostgres, type PostgresServer } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the run's PostgreSQL server, or "" when PostgreSQL is not installed (outside CI only). */
    postgresUrl: string;
  }
}

// Heavy things start once per test run, here, and are shared by every test file.
let postgres: PostgresServer | null = null;

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
}

export async function teardown() {
  await postgres?.stop();
}
