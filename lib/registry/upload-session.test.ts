import { createHash, randomBytes } from "node:crypto";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { UPLOAD_PART_SIZE } from "@/lib/schemas/models";
import { listAll } from "@/lib/storage/list-objects";
import { readObjectText } from "@/lib/storage/object-stream";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import type { RegistryStore } from "./registry-store";
import { abortUpload, completeUpload, createUpload, getUpload, uploadPart } from "./upload-session";

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");
const part = (data: Buffer, n: number) => data.subarray((n - 1) * UPLOAD_PART_SIZE, n * UPLOAD_PART_SIZE);

// A version uploaded from the browser part by part, through the console, to the real S3 server.
describe("browser uploads", () => {
  let db: Database;
  let actor: Actor;
  let store: RegistryStore;
  const weights = randomBytes(UPLOAD_PART_SIZE * 2 + 1000); // three parts, the last one short
  const runtimeManifest = JSON.stringify({ format: "paddleocr-onnx/v1", name: "uploaded", parameters: { use_cls: false } });
  const config = "Global:\n  epoch_num: 5\n";

  beforeAll(async () => {
    useTestObjectStore();
    db = await openTestDatabase("pglite");
    actor = await seedActor(db.prisma, "editor");
    store = { client: objectStoreClient(), bucket: `uploads-${Date.now()}` };
    await store.client.send(new CreateBucketCommand({ Bucket: store.bucket }));
  });
  afterAll(async () => db?.close());

  const announce = () =>
    createUpload(
      db.prisma,
      actor,
      "uploaded",
      {
        files: [
          { path: "det.onnx", size: weights.byteLength },
          { path: "model.json", size: runtimeManifest.length },
          { path: "conf/config.yml", size: config.length },
          { path: "empty.txt", size: 0 },
        ],
        metrics: { hmean: 0.7 },
        notes: "from the browser",
      },
      store,
    );

  it("resumes after a failed part and checks every file's sha256 at the end", async () => {
    const session = await announce();
    expect(session).toMatchObject({ version: "1", partSize: UPLOAD_PART_SIZE });
    expect(session.files.map((f) => [f.path, f.partCount])).toEqual([["det.onnx", 3], ["model.json", 1], ["conf/config.yml", 1], ["empty.txt", 0]]);
    // While it uploads, the version is listed as uploading.
    expect(await db.prisma.modelVersion.count({ where: { teamId: actor.teamId, modelName: "uploaded" } })).toBe(1);

    await uploadPart(db.prisma, actor, "uploaded", session.id, 0, 1, part(weights, 1), sha256(part(weights, 1)), store);
    // Part 2 is damaged on the way: refused, nothing recorded.
    const damaged = Buffer.from(part(weights, 2));
    damaged[10]! ^= 0xff;
    await expect(uploadPart(db.prisma, actor, "uploaded", session.id, 0, 2, damaged, sha256(part(weights, 2)), store)).rejects.toMatchObject({ code: "unprocessable" });
    // A part cut short is refused too.
    await expect(uploadPart(db.prisma, actor, "uploaded", session.id, 0, 2, part(weights, 2).subarray(1), null, store)).rejects.toMatchObject({ code: "bad_request" });
    await expect(completeUpload(db.prisma, actor, "uploaded", session.id, { files: [{ path: "det.onnx", sha256: sha256(weights) }] }, store)).rejects.toThrow(
      /part\(s\) are not uploaded yet \(det\.onnx part 2, det\.onnx part 3, model\.json part 1/,
    );

    // Resume: the session says what is stored, the rest is sent (in any order, in parallel).
    const resumed = await getUpload(db.prisma, actor, "uploaded", session.id);
    expect(resumed.files.map((f) => f.uploadedParts)).toEqual([[1], [], [], []]);
    await Promise.all([
      uploadPart(db.prisma, actor, "uploaded", session.id, 0, 3, part(weights, 3), null, store),
      uploadPart(db.prisma, actor, "uploaded", session.id, 0, 2, part(weights, 2), sha256(part(weights, 2)), store),
      uploadPart(db.prisma, actor, "uploaded", session.id, 1, 1, Buffer.from(runtimeManifest), null, store),
      uploadPart(db.prisma, actor, "uploaded", session.id, 2, 1, Buffer.from(config), null, store),
    ]);
    expect((await getUpload(db.prisma, actor, "uploaded", session.id)).files.map((f) => f.uploadedParts)).toEqual([[1, 2, 3], [1], [1], []]);

    const done = await completeUpload(
      db.prisma,
      actor,
      "uploaded",
      session.id,
      {
        files: [
          { path: "det.onnx", sha256: sha256(weights) },
          { path: "model.json", sha256: sha256(runtimeManifest) },
          { path: "conf/config.yml", sha256: sha256(config) },
          { path: "empty.txt", sha256: sha256("") },
        ],
      },
      store,
    );
    expect(done).toMatchObject({ modelName: "uploaded", version: "1" });
    const manifest = JSON.parse((await readObjectText(store.client, store.bucket, "uploaded/1/model.json"))!);
    expect(manifest).toMatchObject({ metrics: { hmean: 0.7 }, notes: "from the browser", serving: { name: "uploaded", parameters: { use_cls: false } } });
    expect(manifest.files).toEqual([
      { path: "conf/config.yml", size: config.length, sha256: sha256(config) },
      { path: "det.onnx", size: weights.byteLength, sha256: sha256(weights) },
      { path: "empty.txt", size: 0, sha256: sha256("") },
    ]);
    const row = await db.prisma.modelVersion.findFirstOrThrow({ where: { teamId: actor.teamId, modelName: "uploaded" } });
    expect(row).toMatchObject({ hasManifest: true, fileCount: 3, sizeBytes: weights.byteLength + config.length });
    expect((row.manifest as Record<string, unknown>).pending).toBeUndefined();
    // Nothing of the upload is left aside.
    expect((await listAll(store.client, store.bucket, "_console/")).objects).toEqual([]);
    expect(await db.prisma.auditEvent.findMany({ where: { objectId: row.id }, orderBy: { at: "asc" }, select: { action: true } })).toEqual([
      { action: "model.upload.start" },
      { action: "model.version.upload" },
    ]);
  }, 60_000);

  it("discards an upload whose stored files differ from the files chosen", async () => {
    const session = await announce();
    expect(session.version).toBe("2");
    for (const n of [1, 2, 3]) await uploadPart(db.prisma, actor, "uploaded", session.id, 0, n, part(weights, n), null, store);
    await uploadPart(db.prisma, actor, "uploaded", session.id, 1, 1, Buffer.from(runtimeManifest), null, store);
    await uploadPart(db.prisma, actor, "uploaded", session.id, 2, 1, Buffer.from(config), null, store);
    const wrong = sha256("a different file");
    await expect(
      completeUpload(
        db.prisma,
        actor,
        "uploaded",
        session.id,
        { files: ["det.onnx", "model.json", "conf/config.yml", "empty.txt"].map((path) => ({ path, sha256: path === "det.onnx" ? wrong : sha256(path === "model.json" ? runtimeManifest : path === "empty.txt" ? "" : config) })) },
        store,
      ),
    ).rejects.toThrow(/The upload was discarded: what arrived differs from the files chosen — det\.onnx/);
    expect(await db.prisma.modelVersion.count({ where: { teamId: actor.teamId, modelName: "uploaded", version: "2" } })).toBe(0);
    expect((await listAll(store.client, store.bucket, "uploaded/2/")).objects).toEqual([]);
  }, 60_000);

  it("cancels an upload, freeing its version", async () => {
    const session = await announce();
    await uploadPart(db.prisma, actor, "uploaded", session.id, 2, 1, Buffer.from(config), null, store);
    await abortUpload(db.prisma, actor, "uploaded", session.id, store);
    await expect(getUpload(db.prisma, actor, "uploaded", session.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.prisma.modelVersion.count({ where: { teamId: actor.teamId, modelName: "uploaded" } })).toBe(1);
  });
});
