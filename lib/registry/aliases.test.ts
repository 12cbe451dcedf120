import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { readObjectText } from "@/lib/storage/object-stream";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { DATABASE_KINDS, databaseAvailable, openTestDatabase } from "@/test/support/test-database";
import type { RegistryStore } from "./registry-store";
import { removeAlias } from "./remove-alias";
import { setAlias } from "./set-alias";

// Alias moves by many writers at once, on PGlite and on PostgreSQL (where the writers really run
// in parallel on separate connections), against the real S3 server.
for (const kind of DATABASE_KINDS) {
  describe.skipIf(!databaseAvailable(kind))(`aliases on ${kind}`, () => {
    let db: Database;
    let actors: Actor[];
    let store: RegistryStore;
    const VERSIONS = 8;

    beforeAll(async () => {
      useTestObjectStore();
      db = await openTestDatabase(kind);
      const first = await seedActor(db.prisma, "editor");
      actors = [first, ...(await Promise.all(Array.from({ length: VERSIONS - 1 }, () => seedActor(db.prisma, "editor", first.teamId))))];
      store = { client: objectStoreClient(), bucket: `aliases-${kind}-${Date.now()}` };
      await store.client.send(new CreateBucketCommand({ Bucket: store.bucket }));
      await db.prisma.modelVersion.createMany({
        data: Array.from({ length: VERSIONS }, (_, i) => ({ teamId: first.teamId, modelName: "ch_rec", version: String(i + 1), storageUri: `s3://${store.bucket}/ch_rec/${i + 1}/` })),
      });
    });
    afterAll(async () => db?.close());

    const aliasFile = async (alias: string) => JSON.parse((await readObjectText(store.client, store.bucket, `ch_rec/_aliases/${alias}.json`))!);

    it("sets production with who and when, in the bucket and the mirror", async () => {
      const view = await setAlias(db.prisma, actors[0]!, "ch_rec", "production", { version: "1" }, store);
      expect(view).toMatchObject({ alias: "production", version: "1", setBy: actors[0]!.email });
      expect(await aliasFile("production")).toMatchObject({ alias: "production", version: "1", setBy: { label: actors[0]!.email }, previousVersion: null });
      await expect(setAlias(db.prisma, actors[0]!, "ch_rec", "production", { version: "99" }, store)).rejects.toMatchObject({ code: "not_found" });
      await expect(setAlias(db.prisma, actors[0]!, "ch_rec", "Not An Alias", { version: "1" }, store)).rejects.toMatchObject({ code: "bad_request" });
    });

    it("serializes concurrent moves: the bucket and the mirror agree, and every move's 'from' is the previous move's 'to'", async () => {
      await Promise.all(actors.map((actor, i) => setAlias(db.prisma, actor, "ch_rec", "staging", { version: String(i + 1) }, store)));
      const row = await db.prisma.modelAlias.findUniqueOrThrow({ where: { teamId_modelName_alias: { teamId: actors[0]!.teamId, modelName: "ch_rec", alias: "staging" } } });
      expect((await aliasFile("staging")).version).toBe(row.version);

      const moves = (await db.prisma.auditEvent.findMany({ where: { action: "model.alias.set", objectId: "ch_rec/staging" } })).map(
        (event) => event.details as { from: string | null; to: string },
      );
      expect(moves).toHaveLength(VERSIONS);
      // Walk the chain from the first move: each version is left exactly once, none is lost.
      const byFrom = new Map(moves.map((move) => [move.from, move]));
      expect(byFrom.size).toBe(VERSIONS);
      let at: string | null = null;
      for (let step = 0; step < VERSIONS; step += 1) at = byFrom.get(at)!.to;
      expect(at).toBe(row.version);
    });

    it("refuses a conditional move when the alias moved since the writer looked (exactly one of many wins)", async () => {
      const seen = (await db.prisma.modelAlias.findFirstOrThrow({ where: { alias: "production" } })).version;
      const results = await Promise.allSettled(
        actors.slice(1).map((actor, i) => setAlias(db.prisma, actor, "ch_rec", "production", { version: String(i + 2), expectedVersion: seen }, store)),
      );
      const won = results.filter((r) => r.status === "fulfilled");
      expect(won).toHaveLength(1);
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(lost.every((r) => r.reason.code === "conflict" && /was moved to version/.test(r.reason.message))).toBe(true);
      const winner = (won[0] as PromiseFulfilledResult<{ version: string }>).value.version;
      expect((await aliasFile("production")).version).toBe(winner);
      await expect(setAlias(db.prisma, actors[0]!, "ch_rec", "canary", { version: "2", expectedVersion: null }, store)).resolves.toMatchObject({ version: "2" });
      await expect(setAlias(db.prisma, actors[0]!, "ch_rec", "canary", { version: "3", expectedVersion: null }, store)).rejects.toMatchObject({ code: "conflict" });
    });

    it("removes an alias from the bucket and the mirror", async () => {
      await removeAlias(db.prisma, actors[0]!, "ch_rec", "canary", store);
      expect(await readObjectText(store.client, store.bucket, "ch_rec/_aliases/canary.json")).toBeNull();
      expect(await db.prisma.modelAlias.count({ where: { alias: "canary" } })).toBe(0);
      await expect(removeAlias(db.prisma, actors[0]!, "ch_rec", "canary", store)).rejects.toMatchObject({ code: "not_found" });
    });
  });
}
