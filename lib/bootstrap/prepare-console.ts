import { database } from "@/lib/db";
import { resumeEndpoints } from "@/lib/endpoints/resume-endpoints";
import { ensureInitialState } from "./ensure-initial-state";

const log = (message: string) => console.log(`[ocr-console] ${message}`);

/** Runs once per server process before it serves: database migrated, first admin, targets, endpoints served. */
export async function prepareConsole(): Promise<void> {
  log("opening the database");
  const db = await database();
  const { applied, alreadyApplied } = db.migrations;
  log(`database ready (${db.kind} at ${db.location}): ${applied.length} migration(s) applied now, ${alreadyApplied.length} already`);
  await ensureInitialState(db.prisma, {
    adminEmail: process.env.CONSOLE_ADMIN_EMAIL || "admin@ocr-console.local",
    adminPassword: process.env.CONSOLE_ADMIN_PASSWORD || undefined,
    apiToken: process.env.CONSOLE_API_TOKEN || undefined,
    log,
  });
  await resumeEndpoints(db.prisma, log);
}
