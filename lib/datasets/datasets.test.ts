import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { ConsoleError } from "@/lib/errors/console-error";
import { seedActor } from "@/test/support/seed";
import { DATABASE_KINDS, databaseAvailable, openTestDatabase } from "@/test/support/test-database";
import { createDataset } from "./create-dataset";
import { listDatasets } from "./list-datasets";

const valid = {
  name: "icdar2015",
  task: "det",
  sourceUri: "s3://ocr-data/icdar2015",
  trainLabelFile: "train_icdar2015_label.txt",
  testLabelFile: "test_icdar2015_label.txt",
};

describe.each(DATABASE_KINDS)("datasets on %s", (kind) => {
  describe.skipIf(!databaseAvailable(kind))(kind, () => {
    let db: Database;
    beforeAll(async () => {
      db = await openTestDatabase(kind);
      // No S3_ENDPOINT here means AWS, where credential-less s3:// sources need the admin's consent.
      process.env.CONSOLE_SOURCES_USE_CONSOLE_CREDENTIALS = "1";
    });
    afterAll(async () => db?.close());

    it("registers a dataset, lists it and records who did it", async () => {
      const actor = await seedActor(db.prisma, "editor");
      const created = await createDataset(db.prisma, actor, valid);
      expect(created).toMatchObject({ name: "icdar2015", task: "det", createdBy: actor.email });
      const page = await listDatasets(db.prisma, actor);
      expect(page.items.map((d) => d.name)).toEqual(["icdar2015"]);
      const audit = await db.prisma.auditEvent.findMany({ where: { objectId: created.id } });
      expect(audit).toMatchObject([{ action: "dataset.create", actorId: actor.userId, teamId: actor.teamId }]);
    });

    it.each([
      ["ftp://host/data", /Unsupported scheme "ftp:\/\/"/],
      ["icdar2015", /Use a URI such as/],
      ["s3://Bad_Bucket/x", /not a valid bucket name/],
      ["https://", /host|valid URL/],
    ])("refuses source %s with a message and creates nothing", async (sourceUri, message) => {
      const actor = await seedActor(db.prisma, "editor");
      const error = await createDataset(db.prisma, actor, { ...valid, sourceUri }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConsoleError);
      expect((error as ConsoleError).fieldErrors?.sourceUri?.[0]).toMatch(message);
      expect(await db.prisma.dataset.count({ where: { teamId: actor.teamId } })).toBe(0);
    });

    it("accepts every supported scheme", async () => {
      const actor = await seedActor(db.prisma, "editor");
      const uris = ["s3://b-1/x", "minio://model-center/ds", "bos://bucket.1/path", "hdfs://namenode:8020/data", "https://example.com/ds.tar.gz"];
      for (const [i, sourceUri] of uris.entries()) await createDataset(db.prisma, actor, { ...valid, name: `ds${i}`, sourceUri });
      expect((await listDatasets(db.prisma, actor)).items).toHaveLength(uris.length);
    });

    it("refuses label paths that climb out of the dataset", async () => {
      const actor = await seedActor(db.prisma, "editor");
      const error = (await createDataset(db.prisma, actor, { ...valid, trainLabelFile: "../etc/passwd" }).catch((e: unknown) => e)) as ConsoleError;
      expect(error.fieldErrors?.trainLabelFile).toBeDefined();
    });

    it("says a name is taken in the team, but allows it in another team", async () => {
      const actor = await seedActor(db.prisma, "editor");
      await createDataset(db.prisma, actor, valid);
      await expect(createDataset(db.prisma, actor, valid)).rejects.toMatchObject({ code: "conflict" });
      const other = await seedActor(db.prisma, "editor");
      await expect(createDataset(db.prisma, other, valid)).resolves.toMatchObject({ name: valid.name });
    });

    it("pages through many datasets newest first without repeats", async () => {
      const actor = await seedActor(db.prisma, "editor");
      const base = Date.now();
      await db.prisma.dataset.createMany({
        data: Array.from({ length: 125 }, (_, i) => ({
          ...valid,
          task: "rec" as const,
          name: `ds-${String(i).padStart(3, "0")}`,
          teamId: actor.teamId,
          createdAt: new Date(base + Math.floor(i / 5) * 1000), // ties on createdAt, broken by id
        })),
      });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listDatasets(db.prisma, actor, { limit: 40, cursor });
        seen.push(...page.items.map((d) => d.name));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(125);
      expect(new Set(seen).size).toBe(125);
      expect(seen[0]).toMatch(/^ds-12[0-4]$/);
    });

    it("rejects a forged cursor", async () => {
      const actor = await seedActor(db.prisma, "viewer");
      await expect(listDatasets(db.prisma, actor, { cursor: "garbage" })).rejects.toMatchObject({ code: "bad_request" });
    });
  });
});
