import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Database } from "@/lib/db/open-database";
import { openTestDatabase } from "@/test/support/test-database";
import { seedCallers, type Caller } from "./callers";
import { loadRoutes, type RouteFile } from "./routes";

export interface ConsoleUnderTest {
  database: Database;
  callers: Record<Role, Caller>;
  routes: RouteFile[];
}

const globalForDb = globalThis as typeof globalThis & { __ocrConsoleDatabase?: Promise<Database> };

/**
 * The console as its route handlers and server actions see it: `lib/db`'s database is a fresh
 * PGlite (set where `database()` keeps it), one caller per role, and, when asked, the route
 * modules loaded and a data directory of its own. Filled in by the file's first beforeAll.
 */
export function consoleUnderTest(options: { routes?: boolean; dataDir?: boolean } = {}): ConsoleUnderTest {
  const state = {} as ConsoleUnderTest;
  let dataDir = "";
  beforeAll(async () => {
    if (options.dataDir) {
      dataDir = mkdtempSync(path.join(os.tmpdir(), "ocr-console-under-test-"));
      process.env.CONSOLE_DATA_DIR = dataDir;
    }
    state.database = await openTestDatabase("pglite");
    globalForDb.__ocrConsoleDatabase = Promise.resolve(state.database);
    state.callers = await seedCallers(state.database.prisma);
    state.routes = options.routes ? await loadRoutes() : [];
  }, 120_000);
  afterAll(async () => {
    globalForDb.__ocrConsoleDatabase = undefined;
    await state.database?.close();
    if (dataDir) {
      delete process.env.CONSOLE_DATA_DIR;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
  return state;
}
