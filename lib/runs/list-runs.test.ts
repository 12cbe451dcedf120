import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { openDatabase, type Database } from "@/lib/db/open-database";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { RUN_STATES, type ListRunsQuery, type RunView } from "@/lib/schemas/runs";
import { createTestDatabase } from "@/test/support/postgres-server";
import { seedActor } from "@/test/support/seed";
import { databaseAvailable, openTestDatabase } from "@/test/support/test-database";
import { listRuns } from "./list-runs";
import { seedRuns } from "./list-runs.seed";

// The runs list with 10,000 runs: every sort, both orders, page by page to the end — each run once,
// in order — and filters. On PostgreSQL the plans are checked to use the indexes in schema.prisma.
const ROWS = 10_000;

type Sort = ListRunsQuery["sort"];

function expectedOrder(runs: RunView[], sort: Sort, order: "asc" | "desc"): string[] {
  const dir = order === "asc" ? 1 : -1;
  const byId = (a: RunView, b: RunView) => dir * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const sorted = [...runs].sort((a, b) => {
    switch (sort) {
      case "createdAt":
        return dir * (Date.parse(a.createdAt) - Date.parse(b.createdAt)) || byId(a, b);
      case "name":
        return dir * a.name.localeCompare(b.name) || byId(a, b);
      case "state":
        return (
          dir * (RUN_STATES.indexOf(a.state) - RUN_STATES.indexOf(b.state)) ||
          Date.parse(b.createdAt) - Date.parse(a.createdAt) ||
          (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
        );
      case "keyMetric": {
        const va = a.keyMetric?.value ?? null;
        const vb = b.keyMetric?.value ?? null;
        if (va === null || vb === null) return va === vb ? byId(a, b) : va === null ? 1 : -1;
        return dir * (va - vb) || byId(a, b);
      }
    }
  });
  return sorted.map((run) => run.id);
}

async function everyPage(db: Database, actor: Actor, query: Record<string, unknown>): Promise<RunView[]> {
  const all: RunView[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRuns(db.prisma, actor, { ...query, limit: 200, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

describe(`runs list with ${ROWS} runs`, () => {
  let db: Database;
  let actor: Actor;
  let everything: RunView[];

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    actor = await seedActor(db.prisma, "viewer");
    await seedRuns(db.prisma, actor, ROWS);
    everything = await everyPage(db, actor, { sort: "createdAt", order: "desc" });
  }, 120_000);
  afterAll(async () => db?.close());

  it.each([
    ["createdAt", "desc"],
    ["createdAt", "asc"],
    ["name", "asc"],
    ["state", "asc"],
    ["state", "desc"],
    ["keyMetric", "desc"],
    ["keyMetric", "asc"],
  ] as const)("pages through every run exactly once, sorted by %s %s", async (sort, order) => {
    const pages = await everyPage(db, actor, { sort, order });
    expect(pages).toHaveLength(ROWS);
    expect(pages.map((run) => run.id)).toEqual(expectedOrder(everything, sort, order));
  }, 60_000);

  it("filters by state, target and text, and pages the filtered list", async () => {
    const failed = await everyPage(db, actor, { state: "Failed" });
    expect(failed.length).toBe(everything.filter((r) => r.state === "Failed").length);
    expect(new Set(failed.map((r) => r.state))).toEqual(new Set(["Failed"]));

    const cluster = await everyPage(db, actor, { target: "gpu-cluster", sort: "keyMetric" });
    expect(cluster.map((r) => r.id)).toEqual(expectedOrder(everything.filter((r) => r.target === "gpu-cluster"), "keyMetric", "desc"));

    const text = await everyPage(db, actor, { q: "REC-MODEL-1" });
    expect(text.length).toBeGreaterThan(0);
    expect(text.every((r) => r.modelName.startsWith("rec-model-1"))).toBe(true);
    expect((await listRuns(db.prisma, actor, { target: "nowhere" })).items).toEqual([]);
  }, 60_000);

  it("refuses a cursor from another sort", async () => {
    const { nextCursor } = await listRuns(db.prisma, actor, { sort: "name", limit: 5 });
    await expect(listRuns(db.prisma, actor, { sort: "createdAt", cursor: nextCursor })).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe.skipIf(!databaseAvailable("postgresql"))("runs list query plans on PostgreSQL", () => {
  let db: Database;
  let logged: PrismaClient;
  let actor: Actor;
  const queries: Array<{ query: string; params: string }> = [];

  beforeAll(async () => {
    const url = await createTestDatabase(inject("postgresUrl"), `runs_plan_${Date.now()}`);
    db = await openDatabase({ kind: "postgresql", url });
    actor = await seedActor(db.prisma, "viewer");
    await seedRuns(db.prisma, actor, ROWS);
    await db.prisma.$executeRawUnsafe('ANALYZE "TrainingRun"');
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log: [{ emit: "event", level: "query" }] });
    client.$on("query", (event) => queries.push({ query: event.query, params: event.params }));
    logged = client as unknown as PrismaClient;
  }, 120_000);
  afterAll(async () => {
    await logged?.$disconnect();
    await db?.close();
  });

  /** The plan PostgreSQL chooses for the page query listRuns sends for this list query. */
  async function planOf(query: Record<string, unknown>): Promise<string> {
    queries.length = 0;
    const first = await listRuns(logged, actor, { limit: 50, ...query });
    await listRuns(logged, actor, { limit: 50, ...query, cursor: first.nextCursor });
    const page = queries.filter((q) => q.query.includes('FROM "public"."TrainingRun"') && q.query.includes("LIMIT")).at(-1)!;
    const rows = await db.prisma.$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(`EXPLAIN ${page.query}`, ...(JSON.parse(page.params) as unknown[]));
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  }

  it("reads the newest page (and the next by cursor) through the (teamId, createdAt) index", async () => {
    expect(await planOf({})).toContain("TrainingRun_teamId_createdAt_idx");
  });

  it("filters by state through the (teamId, state, createdAt) index", async () => {
    expect(await planOf({ state: "Running" })).toContain("TrainingRun_teamId_state_createdAt_idx");
  });

  it("sorts by name through the (teamId, name) unique index", async () => {
    expect(await planOf({ sort: "name", order: "asc" })).toContain("TrainingRun_teamId_name_key");
  });
});
