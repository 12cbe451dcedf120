import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/** The few raw-SQL operations the migration runner and health check need, over PGlite or PostgreSQL. */
export interface SqlConnection {
  /** Runs one or more statements with no parameters. */
  exec(sql: string): Promise<void>;
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export function pgliteConnection(db: PGlite, { owned }: { owned: boolean }): SqlConnection {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await db.query<Row>(sql, params)).rows;
    },
    async close() {
      if (owned) await db.close();
    },
  };
}

export async function postgresConnection(connectionString: string): Promise<SqlConnection> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as Row[];
    },
    async close() {
      await client.end();
    },
  };
}
