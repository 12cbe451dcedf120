import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { migrate, type MigrationReport } from "./migrate";
import { pgliteConnection, postgresConnection } from "./sql-connection";

export interface Database {
  prisma: PrismaClient;
  kind: "pglite" | "postgresql";
  /** Where the data lives, for people: a directory or a URL with its password removed. */
  location: string;
  migrations: MigrationReport;
  close(): Promise<void>;
}

export type DatabaseSource =
  | { kind: "postgresql"; url: string }
  | { kind: "pglite"; dir: string | null }; // null: in memory, for tests

export async function openDatabase(
  source: DatabaseSource,
  { onProgress }: { onProgress?: (message: string) => void } = {},
): Promise<Database> {
  if (source.kind === "postgresql") {
    const sql = await postgresConnection(source.url);
    let migrations: MigrationReport;
    try {
      migrations = await migrate(sql, { onProgress });
    } finally {
      await sql.close();
    }
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: source.url }) });
    return { prisma, kind: "postgresql", location: redactUrl(source.url), migrations, close: () => prisma.$disconnect() };
  }

  if (source.dir) mkdirSync(source.dir, { recursive: true });
  const pglite = source.dir ? new PGlite(source.dir) : new PGlite();
  await pglite.waitReady;
  const migrations = await migrate(pgliteConnection(pglite, { owned: false }), { onProgress });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    kind: "pglite",
    location: source.dir ? path.resolve(source.dir) : "memory",
    migrations,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
