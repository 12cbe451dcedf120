import { bench, describe } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { seedActor } from "@/test/support/seed";
import { DATABASE_KINDS, databaseAvailable, openTestDatabase } from "@/test/support/test-database";
import { listModels } from "./list-models";
import { listVersions } from "./list-versions";

// The models pages with a registry of 10,000 versions of one model, beside 100 other models of 10
// versions each: the Models page (grouped), a search, and the Model page's versions table sorted by
// creation, by a metric (from the JSON column) and by version, first page and 100 pages deep.
// PostgreSQL runs beside the embedded PGlite as the baseline.
const VERSIONS = 10_000;
const OTHER_MODELS = 100;

for (const kind of DATABASE_KINDS) {
  describe.skipIf(!databaseAvailable(kind))(`registry lists, ${VERSIONS} versions, ${kind}`, () => {
    // Vitest's bench mode runs no beforeAll hooks, so the rows are seeded on first use.
    let seeded: Promise<{ db: Database; actor: Actor; deepCursor: string }> | undefined;
    const fixture = () => (seeded ??= seed(kind));

    bench("Models page: first 50 models by last update", async () => {
      const { db, actor } = await fixture();
      await listModels(db.prisma, actor, { sort: "updated", limit: 50 });
    });

    bench("Models page: search 'det'", async () => {
      const { db, actor } = await fixture();
      await listModels(db.prisma, actor, { q: "det", sort: "name", limit: 50 });
    });

    bench("Model page: first 50 versions by created", async () => {
      const { db, actor } = await fixture();
      await listVersions(db.prisma, actor, "ch_det_big", { sort: "created", limit: 50 });
    });

    bench("Model page: page 101 by cursor (created)", async () => {
      const { db, actor, deepCursor } = await fixture();
      await listVersions(db.prisma, actor, "ch_det_big", { sort: "created", limit: 50, cursor: deepCursor });
    });

    bench("Model page: first 50 versions by hmean", async () => {
      const { db, actor } = await fixture();
      await listVersions(db.prisma, actor, "ch_det_big", { sort: "metric:hmean", limit: 50 });
    });

    bench("Model page: first 50 versions by version number", async () => {
      const { db, actor } = await fixture();
      await listVersions(db.prisma, actor, "ch_det_big", { sort: "version", limit: 50 });
    });
  });
}

async function seed(kind: (typeof DATABASE_KINDS)[number]) {
  const db = await openTestDatabase(kind);
  const actor = await seedActor(db.prisma, "viewer");
  const base = Date.now() - VERSIONS * 1000;
  const rows = [
    ...Array.from({ length: VERSIONS }, (_, i) => ({ modelName: "ch_det_big", version: String(i + 1), at: base + i * 1000 })),
    ...Array.from({ length: OTHER_MODELS * 10 }, (_, i) => ({ modelName: `${i % 2 ? "rec" : "det"}_model_${Math.floor(i / 10)}`, version: String((i % 10) + 1), at: base + i * 997 })),
  ];
  for (let start = 0; start < rows.length; start += 1000) {
    await db.prisma.modelVersion.createMany({
      data: rows.slice(start, start + 1000).map((row, i) => ({
        teamId: actor.teamId,
        modelName: row.modelName,
        version: row.version,
        storageUri: `s3://model-center/${row.modelName}/${row.version}/`,
        format: "paddle-inference",
        metrics: { hmean: ((start + i) * 7919) % 1000 / 1000, precision: 0.8 },
        sizeBytes: ((start + i) * 104729) % 50_000_000,
        fileCount: 3,
        hasManifest: true,
        createdAt: new Date(row.at),
      })),
    });
  }
  let cursor: string | undefined;
  for (let page = 0; page < 100; page += 1) cursor = (await listVersions(db.prisma, actor, "ch_det_big", { sort: "created", limit: 50, cursor })).nextCursor ?? undefined;
  return { db, actor, deepCursor: cursor! };
}
