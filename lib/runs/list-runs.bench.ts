import { bench, describe } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { seedActor } from "@/test/support/seed";
import { DATABASE_KINDS, databaseAvailable, openTestDatabase } from "@/test/support/test-database";
import { listRuns } from "./list-runs";
import { seedRuns } from "./list-runs.seed";

// The runs list with 10,000 runs in the team: the first page as the runs page opens it, a page deep
// in the list by cursor, and the sorts and filters people use. PostgreSQL runs beside PGlite.
const ROWS = 10_000;

for (const kind of DATABASE_KINDS) {
  describe.skipIf(!databaseAvailable(kind))(`runs list, ${ROWS} runs, ${kind}`, () => {
    // Vitest's bench mode runs no beforeAll hooks, so the runs are seeded on first use.
    let seeded: Promise<{ db: Database; actor: Actor; deepCursor: string }> | undefined;
    const fixture = () => (seeded ??= seed(kind));

    bench("first page (50), newest first", async () => {
      const { db, actor } = await fixture();
      await listRuns(db.prisma, actor, { limit: 50 });
    });

    bench("page 101 by cursor (50)", async () => {
      const { db, actor, deepCursor } = await fixture();
      await listRuns(db.prisma, actor, { limit: 50, cursor: deepCursor });
    });

    bench("first page by key metric (best first)", async () => {
      const { db, actor } = await fixture();
      await listRuns(db.prisma, actor, { limit: 50, sort: "keyMetric" });
    });

    bench("state = Running", async () => {
      const { db, actor } = await fixture();
      await listRuns(db.prisma, actor, { limit: 50, state: "Running" });
    });

    bench("search q=rec-model-1", async () => {
      const { db, actor } = await fixture();
      await listRuns(db.prisma, actor, { limit: 50, q: "rec-model-1" });
    });
  });
}

async function seed(kind: (typeof DATABASE_KINDS)[number]) {
  const db = await openTestDatabase(kind);
  const actor = await seedActor(db.prisma, "viewer");
  await seedRuns(db.prisma, actor, ROWS);
  if (kind === "postgresql") await db.prisma.$executeRawUnsafe('ANALYZE "TrainingRun"');
  let cursor: string | undefined;
  for (let page = 0; page < 100; page += 1) cursor = (await listRuns(db.prisma, actor, { limit: 50, cursor })).nextCursor ?? undefined;
  return { db, actor, deepCursor: cursor! };
}
