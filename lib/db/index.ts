import path from "node:path";
import { readConfig } from "@/lib/config/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { openDatabase, type Database } from "./open-database";

// Next.js may load this module once per server bundle; PGlite must be opened once per process,
// so the handle lives on globalThis rather than in a module variable.
const globalForDb = globalThis as typeof globalThis & { __ocrConsoleDatabase?: Promise<Database> };

/** The console's database, opened and migrated on first use. */
export function database(): Promise<Database> {
  globalForDb.__ocrConsoleDatabase ??= openConfiguredDatabase();
  return globalForDb.__ocrConsoleDatabase;
}

export async function prisma(): Promise<PrismaClient> {
  return (await database()).prisma;
}

function openConfiguredDatabase(): Promise<Database> {
  const config = readConfig();
  const log = (message: string) => console.log(`[ocr-console] ${message}`);
  const opening = config.databaseUrl
    ? openDatabase({ kind: "postgresql", url: config.databaseUrl }, { onProgress: log })
    : openDatabase({ kind: "pglite", dir: path.join(config.dataDir, "db") }, { onProgress: log });
  // A failed open must not be cached: the next request tries again and reports the real error.
  opening.catch(() => {
    globalForDb.__ocrConsoleDatabase = undefined;
  });
  return opening;
}

export type { Database } from "./open-database";
