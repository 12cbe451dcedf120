import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/support/postgres-server";
import { DATABASE_KINDS, databaseAvailable, type DatabaseKind } from "@/test/support/test-database";
import { migrate, MigrationError, MIGRATIONS_DIR, readMigrations } from "./migrate";
import { pgliteConnection, postgresConnection, type SqlConnection } from "./sql-connection";

async function emptyConnection(kind: DatabaseKind): Promise<SqlConnection> {
  if (kind === "pglite") return pgliteConnection(new PGlite(), { owned: true });
  return postgresConnection(await createTestDatabase(inject("postgresUrl"), `migrate_${Date.now()}_${Math.floor(Math.random() * 1e6)}`));
}

function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe.each(DATABASE_KINDS)("migrations on %s", (kind) => {
  describe.skipIf(!databaseAvailable(kind))(kind, () => {
    it("applies every migration to a fresh database and records it the way Prisma does", async () => {
      const db = await emptyConnection(kind);
      const migrations = await readMigrations();
      expect(migrations.length).toBeGreaterThan(0);

      const report = await migrate(db);

      expect(report.applied).toEqual(migrations.map((m) => m.name));
      const rows = await db.query<Record<string, unknown>>(
        `SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"`,
      );
      expect(rows).toHaveLength(migrations.length);
      for (const [index, row] of rows.entries()) {
        const file = readFileSync(path.join(MIGRATIONS_DIR, migrations[index]!.name, "migration.sql"));
        expect(row.migration_name).toBe(migrations[index]!.name);
        expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
        expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.applied_steps_count).toBe(1);
        expect(row.rolled_back_at).toBeNull();
      }
      const tables = await db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["User", "Team", "Membership", "Dataset", "AuditEvent"]));
      await db.close();
    });

    it("applies nothing the second time", async () => {
      const db = await emptyConnection(kind);
      await migrate(db);
      const again = await migrate(db);
      expect(again.applied).toEqual([]);
      expect(again.alreadyApplied).toHaveLength((await readMigrations()).length);
      await db.close();
    });

    it("refuses to start when an applied migration file was edited", async () => {
      const dir = copyOfMigrations();
      const db = await emptyConnection(kind);
      await migrate(db, { dir });
      const [first] = await readMigrations(dir);
      writeFileSync(path.join(dir, first!.name, "migration.sql"), `${first!.sql}\n-- edited later\n`);
      await expect(migrate(db, { dir })).rejects.toThrow(/was changed after it was applied/);
      await db.close();
    });

    it("rolls a failing migration back whole and leaves no record of it", async () => {
      const dir = copyOfMigrations();
      mkdirSync(path.join(dir, "29990101000000_broken"));
      writeFileSync(
        path.join(dir, "29990101000000_broken", "migration.sql"),
        `CREATE TABLE "Half" ("id" TEXT NOT NULL);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;\n`,
      );
      const db = await emptyConnection(kind);
      await expect(migrate(db, { dir })).rejects.toThrow(MigrationError);
      const half = await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`);
      expect(half).toHaveLength(0);
      const recorded = await db.query(`SELECT 1 FROM "_prisma_migrations" WHERE "migration_name" = '29990101000000_broken'`);
      expect(recorded).toHaveLength(0);
      await db.close();
    });
  });
});
