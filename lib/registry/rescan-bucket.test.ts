import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { readConfig } from "@/lib/config/env";
import type { Database } from "@/lib/db/open-database";
import { createS3Client } from "@/lib/storage/s3-client";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { inferFormat } from "./infer-format";
import { rescanBucket } from "./rescan-bucket";

// A bucket laid out the way PaddleCloud's model hub and the console write it, on the real S3 server.
describe("registry rescan", () => {
  let db: Database;
  let actor: Actor;
  const bucket = `registry-${Date.now()}`;

  beforeAll(async () => {
    useTestObjectStore();
    db = await openTestDatabase("pglite");
    actor = await seedActor(db.prisma, "editor");
    const client = createS3Client(readConfig().s3);
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    const put = (key: string, body = "x") => client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
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

  it("mirrors every version written by other tools, across listing pages, and ignores the console's own objects", async () => {
    const report = await rescanBucket(db.prisma, actor, { bucket, pageSize: 2 });
    expect(report).toEqual({ bucket, models: 2, versions: 3, added: 3, updated: 0 });
    const versions = await db.prisma.modelVersion.findMany({ where: { teamId: actor.teamId }, orderBy: [{ modelName: "asc" }, { version: "asc" }] });
    expect(versions.map((v) => [v.modelName, v.version, v.format, v.storageUri])).toEqual([
      ["ch_db_mv3", "latest", "paddlecloud-tarball", `s3://${bucket}/ch_db_mv3/latest/`],
      ["ch_db_mv3", "v2", "paddle-inference", `s3://${bucket}/ch_db_mv3/v2/`],
      ["rec_en", "1", "paddleocr-onnx/v1", `s3://${bucket}/rec_en/1/`],
    ]);
    expect(versions[2]!.metrics).toEqual({ acc: 0.913, norm_edit_dis: 0.97 });
  });

  it("updates rather than duplicates on the next rescan, and records it in the audit trail", async () => {
    const again = await rescanBucket(db.prisma, actor, { bucket });
    expect(again).toMatchObject({ versions: 3, added: 0, updated: 3 });
    expect(await db.prisma.auditEvent.count({ where: { action: "registry.rescan", teamId: actor.teamId } })).toBe(2);
  });

  it("names formats from file names alone", () => {
    expect(inferFormat("m", ["serving_server/serving_server_conf.prototxt"])).toBe("paddle-serving");
    expect(inferFormat("m", ["model.tar.gz"])).toBe("sagemaker-model-tarball");
    expect(inferFormat("m", ["model.onnx"])).toBe("onnx");
    expect(inferFormat("m", ["README.md"])).toBe("unknown");
  });
});
