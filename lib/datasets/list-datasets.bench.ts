import { bench, describe } from "vitest";
import type { Database } from "@/lib/db/open-database";
import type { Actor } from "@/lib/auth/actor";
import { seedActor } from "@/test/support/seed";
import { DATABASE_KINDS, databaseAvailable, openTestDatabase } from "@/test/support/test-database";
import { listDatasets } from "./list-datasets";

// The datasets list with 10,000 rows in the team: first page, and a page deep in the list reached by
// cursor. PostgreSQL runs beside the embedded PGlite as the baseline.
const ROWS = 10_000;

for (const kind of DATABASE_KINDS) {
  describe.skipIf(!databaseAvailable(kind))(`datasets list, ${ROWS} rows, ${kind}`, () => {
    // Vitest's bench mode runs no beforeAll hooks, so the 10,000 rows are seeded on first use.
    let seeded: Promise<{ db: Database; actor: Actor; deepCursor: string }> | undefined;
    const fixture = () => (seeded ??= seed(kind));

    bench("first page (50)", async () => {
      const { db, actor } = await fixture();
      await listDatasets(db.prisma, actor, { limit: 50 });
    });

    bench("page 101 by cursor (50)", async () => {
      const { db, actor, deepCursor } = await fixture();
      await listDatasets(db.prisma, actor, { limit: 50, cursor: deepCursor });
    });
  });
}

async function seed(kind: (typeof DATABASE_KINDS)[number]) {
  const db = await openTestDatabase(kind);
  const actor = await seedActor(db.prisma, "viewer");
  const base = Date.now() - ROWS * 1000;
  for (let start = 0; start < ROWS; start += 1000) {
    await db.prisma.dataset.createMany({
      data: Array.from({ length: 1000 }, (_, i) => ({
        teamId: actor.teamId,
        name: `ds-${start + i}`,
        task: "det" as const,
        sourceUri: "s3://ocr-data/x",
        trainLabelFile: "train.txt",
        testLabelFile: "test.txt",
        createdAt: new Date(base + (start + i) * 1000),
      })),
    });
  }
  let cursor: string | undefined;
  for (let page = 0; page < 100; page += 1) cursor = (await listDatasets(db.prisma, actor, { limit: 50, cursor })).nextCursor ?? undefined;
  return { db, actor, deepCursor: cursor! };
}
