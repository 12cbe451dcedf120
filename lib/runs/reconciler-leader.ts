import pg from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// One reconciler leads across console processes: the holder of a Postgres advisory lock. The lock
// belongs to a database session, so it needs a connection that stays the same while it is held:
// - PostgreSQL: a dedicated connection (Prisma's pool would hand the lock to whichever connection
//   answered and drop it when that connection idles out);
// - PGlite: its one connection, through prisma.$queryRaw (only one process opens a PGlite folder).
// If the dedicated connection breaks, leadership is lost and sought again on the next tick.

/** "ocrrecon" in ASCII: the advisory lock key of the runs reconciler. */
export const RECONCILER_LOCK_KEY = 0x6f63727265636f6en;

export interface Leadership {
  /** True while this process leads; tries to take the lock when it does not. */
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

export function prismaLeadership(prisma: PrismaClient): Leadership {
  let held = false;
  return {
    async acquire() {
      if (held) return true;
      const [row] = await prisma.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_lock(${RECONCILER_LOCK_KEY}) AS locked`;
      held = row?.locked === true;
      return held;
    },
    async release() {
      if (!held) return;
      held = false;
      await prisma.$queryRaw`SELECT pg_advisory_unlock(${RECONCILER_LOCK_KEY})`;
    },
  };
}

export function postgresLeadership(url: string, log: (message: string) => void = () => {}): Leadership {
  let client: pg.Client | null = null;
  let held = false;
  const drop = () => {
    if (held) log("reconciler: lost the database connection holding leadership");
    held = false;
    const old = client;
    client = null;
    old?.end().catch(() => {});
  };
  return {
    async acquire() {
      if (held && client) return true;
      try {
        if (!client) {
          client = new pg.Client({ connectionString: url, application_name: "ocr-console reconciler" });
          client.on("error", drop);
          client.on("end", drop);
          await client.connect();
        }
        const result = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [RECONCILER_LOCK_KEY.toString()]);
        held = result.rows[0]?.locked === true;
        return held;
      } catch (error) {
        log(`reconciler: cannot take leadership: ${error instanceof Error ? error.message : String(error)}`);
        drop();
        return false;
      }
    },
    async release() {
      const current = client;
      held = false;
      client = null;
      if (!current) return;
      current.removeAllListeners("end");
      await current.query("SELECT pg_advisory_unlock($1)", [RECONCILER_LOCK_KEY.toString()]).catch(() => {});
      await current.end().catch(() => {});
    },
  };
}
