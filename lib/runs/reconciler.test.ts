import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { fakePaddleOcrEnv } from "@/test/support/fake-paddleocr";
import { useTestObjectStore } from "@/test/support/object-store";
import { createTestDatabase } from "@/test/support/postgres-server";
import { seedActor } from "@/test/support/seed";
import { databaseAvailable, openTestDatabase } from "@/test/support/test-database";
import { createRun } from "./create-run";
import { getRun } from "./get-run";
import { startReconciler } from "./reconciler";
import { postgresLeadership, prismaLeadership } from "./reconciler-leader";

describe("the reconciler loop", () => {
  let db: Database;
  let editor: Actor;
  let dataDir: string;

  beforeAll(async () => {
    useTestObjectStore();
    dataDir = await mkdtemp(path.join(os.tmpdir(), "ocr-console-reconciler-"));
    Object.assign(process.env, { CONSOLE_DATA_DIR: dataDir, ...fakePaddleOcrEnv() });
    db = await openTestDatabase("pglite");
    editor = await seedActor(db.prisma, "editor");
    await db.prisma.target.create({ data: { teamId: editor.teamId, name: "local", kind: "local", config: {} } });
  });
  afterAll(async () => {
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("leads on PGlite through an advisory lock, and drives a run to the end on its own", async () => {
    const log: string[] = [];
    const reconciler = startReconciler(db, { pollIntervalMs: 200, log: (m) => log.push(m) });
    expect(startReconciler(db)).toBe(reconciler); // once per process
    try {
      const run = await createRun(db.prisma, editor, { target: "local", modelName: "loop", configPath: "configs/rec/PP-OCRv4/ch_PP-OCRv4_rec.yml", configChanges: ["Global.epoch_num=2"] });
      await expect.poll(async () => (await getRun(db.prisma, editor, run.id)).state, { timeout: 30_000, interval: 200 }).toBe("Succeeded");
      const done = await getRun(db.prisma, editor, run.id);
      expect(done.keyMetric?.name).toBe("acc");
      expect(log).toContain("reconciler: leading (re-attaching to active runs)");
      const [lock] = await db.prisma.$queryRaw<Array<{ held: boolean }>>`SELECT count(*) > 0 AS held FROM pg_locks WHERE locktype = 'advisory'`;
      expect(lock?.held).toBe(true);
    } finally {
      await reconciler.stop();
    }
    expect(await prismaLeadership(db.prisma).acquire()).toBe(true); // released by stop, free to take
  }, 60_000);
});

describe.skipIf(!databaseAvailable("postgresql"))("reconciler leadership on PostgreSQL", () => {
  it("lets one console process lead at a time, and another take over when it lets go", async () => {
    const url = await createTestDatabase(inject("postgresUrl"), `reconciler_${Date.now()}`);
    const first = postgresLeadership(url);
    const second = postgresLeadership(url);
    try {
      expect(await first.acquire()).toBe(true);
      expect(await second.acquire()).toBe(false);
      expect(await first.acquire()).toBe(true);
      await first.release();
      expect(await second.acquire()).toBe(true);
      expect(await first.acquire()).toBe(false);
    } finally {
      await first.release();
      await second.release();
    }
  });
});
