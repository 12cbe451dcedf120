import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { listObjects } from "@/lib/storage/list-objects";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { inferFormat } from "./infer-format";
import { mapConcurrent } from "./map-concurrent";
import type { RegistryStore } from "./registry-store";
import { rescanBucket } from "./rescan-bucket";

// A bucket laid out the way PaddleCloud's model hub and the console write it, on the real S3 server.
describe("registry rescan", () => {
  let db: Database;
  let actor: Actor;
  let store: RegistryStore;
  const put = (key: string, body = "x", bucket = store.bucket) => store.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

  beforeAll(async () => {
    useTestObjectStore();
    db = await openTestDatabase("pglite");
    actor = await seedActor(db.prisma, "editor");
    store = { client: objectStoreClient(), bucket: `registry-${Date.now()}` };
    await store.client.send(new CreateBucketCommand({ Bucket: store.bucket }));
    await put("ch_db_mv3/latest/ch_db_mv3.tar.gz"); // what PaddleCloud's model hub Job uploads
    await put("ch_db_mv3/v2/inference.pdmodel");
    await put("ch_db_mv3/v2/inference.pdiparams");
    await put("rec_en/1/det.onnx");
    await put("rec_en/1/rec.onnx");
    await put("rec_en/1/model.json", JSON.stringify({ format: "paddleocr-onnx/v1", metrics: { acc: 0.913, norm_edit_dis: 0.97 } }));
    await put("rec_en/_aliases/production.json", JSON.stringify({ version: "1" }));
    await put("_console/predictions/e/p");
  });
  afterAll(async () => db?.close());

  const byModel = () =>
    db.prisma.modelVersion.findMany({ where: { teamId: actor.teamId }, orderBy: [{ modelName: "asc" }, { version: "asc" }] });

  it("mirrors every version written by other tools, across listing pages, and ignores the console's own objects", async () => {
    const report = await rescanBucket(db.prisma, actor, { store, pageSize: 2 });
    expect(report).toEqual({ bucket: store.bucket, models: 2, versions: 3, added: 3, updated: 0, removed: 0, aliases: 1 });
    const versions = await byModel();
    expect(versions.map((v) => [v.modelName, v.version, v.format, v.storageUri, v.hasManifest, v.fileCount])).toEqual([
      ["ch_db_mv3", "latest", "paddlecloud-tarball", `s3://${store.bucket}/ch_db_mv3/latest/`, false, 1],
      ["ch_db_mv3", "v2", "paddle-inference", `s3://${store.bucket}/ch_db_mv3/v2/`, false, 2],
      ["rec_en", "1", "paddleocr-onnx/v1", `s3://${store.bucket}/rec_en/1/`, true, 2],
    ]);
    expect(versions[2]!.metrics).toEqual({ acc: 0.913, norm_edit_dis: 0.97 });
    // A version without model.json lists what it holds, without checksums it has no way to know.
    expect(versions[1]!.manifest).toMatchObject({ inferred: true, files: [{ path: "inference.pdiparams", size: 1, sha256: null }, { path: "inference.pdmodel", size: 1, sha256: null }] });
    expect(await db.prisma.modelAlias.findMany({ where: { teamId: actor.teamId } })).toMatchObject([
      { modelName: "rec_en", alias: "production", version: "1", setByLabel: "another tool" },
    ]);
  });

  it("changes nothing on the next rescan, then follows what other tools change, and records each in the audit trail", async () => {
    const again = await rescanBucket(db.prisma, actor, { store });
    expect(again).toMatchObject({ versions: 3, added: 0, updated: 0, removed: 0 });

    await put("rec_en/1/model.json", JSON.stringify({ format: "paddleocr-onnx/v1", metrics: { acc: 0.95 } }));
    await put("ch_db_mv3/v2/config.yml", "Global: {}\n");
    await store.client.send(new DeleteObjectCommand({ Bucket: store.bucket, Key: "ch_db_mv3/latest/ch_db_mv3.tar.gz" }));
    await put("rec_en/_aliases/production.json", JSON.stringify({ version: "1", setBy: { id: null, label: "ci" }, setAt: "2026-01-02T03:04:05.000Z" }));
    await put("rec_en/_aliases/staging.json", JSON.stringify({ version: "1" }));

    const changed = await rescanBucket(db.prisma, actor, { store });
    expect(changed).toMatchObject({ versions: 2, added: 0, updated: 2, removed: 1, aliases: 2 });
    const versions = await byModel();
    expect(versions.map((v) => `${v.modelName}:${v.version}`)).toEqual(["ch_db_mv3:v2", "rec_en:1"]);
    expect(versions[0]!.fileCount).toBe(3);
    expect(versions[1]!.metrics).toEqual({ acc: 0.95 });
    const aliases = await db.prisma.modelAlias.findMany({ where: { teamId: actor.teamId }, orderBy: { alias: "asc" } });
    expect(aliases.map((a) => [a.alias, a.version])).toEqual([["production", "1"], ["staging", "1"]]);

    await store.client.send(new DeleteObjectCommand({ Bucket: store.bucket, Key: "rec_en/_aliases/staging.json" }));
    await rescanBucket(db.prisma, actor, { store });
    expect((await db.prisma.modelAlias.findMany({ where: { teamId: actor.teamId } })).map((a) => a.alias)).toEqual(["production"]);
    expect(await db.prisma.auditEvent.count({ where: { action: "registry.rescan", teamId: actor.teamId } })).toBe(4);
  });

  it("pages through more than 1,000 keys with continuation tokens", async () => {
    const bucket = `many-${Date.now()}`;
    await store.client.send(new CreateBucketCommand({ Bucket: bucket }));
    await mapConcurrent(
      Array.from({ length: 1005 }, (_, i) => i + 1),
      16,
      (n) => put(`det_many/${n}/inference.pdiparams`, "w", bucket),
    );
    const pages: number[] = [];
    for await (const page of listObjects(store.client, bucket, "")) pages.push(page.objects.length);
    expect(pages).toEqual([1000, 5]);

    const other = await seedActor(db.prisma, "editor");
    const report = await rescanBucket(db.prisma, other, { store: { ...store, bucket } });
    expect(report).toMatchObject({ models: 1, versions: 1005, added: 1005 });
    expect(await db.prisma.modelVersion.count({ where: { teamId: other.teamId, modelName: "det_many" } })).toBe(1005);
  }, 60_000);

  it("names formats from file names alone", () => {
    expect(inferFormat("m", ["serving_server/serving_server_conf.prototxt"])).toBe("paddle-serving");
    expect(inferFormat("m", ["model.tar.gz"])).toBe("sagemaker-model-tarball");
    expect(inferFormat("m", ["model.onnx"])).toBe("onnx");
    expect(inferFormat("m", ["ch_db/inference.pdmodel", "ch_db/inference.pdiparams", "ch_db/inference.pdiparams.info"])).toBe("paddle-inference");
    expect(inferFormat("m", ["inference.json", "inference.pdiparams"])).toBe("paddle-inference");
    expect(inferFormat("m", ["best_accuracy.pdparams", "best_accuracy.pdopt", "config.yml"])).toBe("paddle-checkpoint");
    expect(inferFormat("m", ["README.md"])).toBe("unknown");
  });
});
