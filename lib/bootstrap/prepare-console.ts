import { readConfig } from "@/lib/config/env";
import { database } from "@/lib/db";
import { resumeEndpoints } from "@/lib/endpoints/resume-endpoints";
import { failInterruptedJobs } from "@/lib/jobs";
import { startReconciler } from "@/lib/runs/reconciler";
import { ensureInitialState } from "./ensure-initial-state";

const log = (message: string) => console.log(`[ocr-console] ${message}`);

/**
 * Runs once per server process before it serves: database migrated, first admin, targets, jobs of a
 * previous process closed, endpoints served, and the runs reconciler started (it re-attaches to every
 * active training run on its first tick).
 */
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
  const interrupted = await failInterruptedJobs({ prisma: db.prisma });
  if (interrupted > 0) log(`${interrupted} background job(s) of a previous process marked failed`);
  await resumeEndpoints(db.prisma, log);
  startReconciler(db, { databaseUrl: readConfig().databaseUrl, log });
}
