import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { openDatabase, type Database } from "@/lib/db/open-database";
import { createTestDatabase } from "./postgres-server";

export type DatabaseKind = "pglite" | "postgresql";

export const DATABASE_KINDS: DatabaseKind[] = ["pglite", "postgresql"];

/** Whether a kind can run here; PostgreSQL may be absent outside CI (the global setup says so). */
export function databaseAvailable(kind: DatabaseKind): boolean {
  return kind === "pglite" || inject("postgresUrl") !== "";
}

/** A migrated, empty database of the given kind: in-memory PGlite, or a new database on the run's PostgreSQL. */
export async function openTestDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === "pglite") return openDatabase({ kind: "pglite", dir: null });
  const url = await createTestDatabase(inject("postgresUrl"), `test_${randomBytes(6).toString("hex")}`);
  return openDatabase({ kind: "postgresql", url });
}
