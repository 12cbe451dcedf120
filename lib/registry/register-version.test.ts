import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { loadModelVersion } from "@/lib/ocr/model-version";
import { readObjectText } from "@/lib/storage/object-stream";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { getVersion } from "./get-version";
import { materializeVersion } from "./materialize-version";
import { registerVersion } from "./register-version";
import type { RegistryStore } from "./registry-store";
import { tarGz } from "./test-fixtures";

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

// registerVersion and the local copy of a version, against the real S3 server.
describe("registering model versions", () => {
  let db: Database;
  let actor: Actor;
  let store: RegistryStore;
  let folder: string;
  let cacheRoot: string;
  const det = randomBytes(70_000);

  beforeAll(async () => {
    useTestObjectStore();
    db = await openTestDatabase("pglite");
    actor = await seedActor(db.prisma, "editor");
    store = { client: objectStoreClient(), bucket: `register-${Date.now()}` };
    await store.client.send(new CreateBucketCommand({ Bucket: store.bucket }));
    const tmp = mkdtempSync(path.join(os.tmpdir(), "register-"));
    cacheRoot = path.join(tmp, "cache");
    folder = path.join(tmp, "export");
    mkdirSync(path.join(folder, "extra"), { recursive: true });
    writeFileSync(path.join(folder, "det.onnx"), det);
    writeFileSync(path.join(folder, "rec.onnx"), "rec-weights");
    writeFileSync(path.join(folder, "dict.txt"), "a\nb\n");
    writeFileSync(path.join(folder, "config.yml"), "Global:\n  epoch_num: 10\n");
    writeFileSync(path.join(folder, "extra", "notes.txt"), "trained on receipts");
    // The OCR runtime's own manifest, as an exported model folder carries it.
    writeFileSync(path.join(folder, "model.json"), JSON.stringify({ format: "paddleocr-onnx/v1", name: "receipts", parameters: { det_db_thresh: 0.25 } }));
  });
  afterAll(async () => db?.close());

  const by = () => ({ id: actor.userId, label: actor.email });

  it("uploads a folder as the next numbered version with a manifest of sizes and sha256, mirrored and audited", async () => {
    const first = await registerVersion(
      { teamId: actor.teamId, modelName: "receipts", source: { kind: "directory", path: folder }, metrics: { hmean: 0.81 }, parameters: { epochs: 10 }, notes: "first", actor: by() },
      { prisma: db.prisma, store },
    );
    expect(first).toEqual({ modelName: "receipts", version: "1", storageUri: `s3://${store.bucket}/receipts/1/` });

    const manifest = JSON.parse((await readObjectText(store.client, store.bucket, "receipts/1/model.json"))!);
    expect(manifest).toMatchObject({
      name: "receipts",
      version: "1",
      format: "paddleocr-onnx/v1",
      metrics: { hmean: 0.81 },
      parameters: { epochs: 10 },
      notes: "first",
      createdBy: { id: actor.userId, label: actor.email },
      serving: { name: "receipts", parameters: { det_db_thresh: 0.25 } },
    });
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(["config.yml", "det.onnx", "dict.txt", "extra/notes.txt", "rec.onnx"]);
    expect(manifest.files[1]).toEqual({ path: "det.onnx", size: det.byteLength, sha256: sha256(det) });
    expect(await readObjectText(store.client, store.bucket, "receipts/1/extra/notes.txt")).toBe("trained on receipts");

    const row = await db.prisma.modelVersion.findUniqueOrThrow({ where: { teamId_modelName_version: { teamId: actor.teamId, modelName: "receipts", version: "1" } } });
    expect(row).toMatchObject({ hasManifest: true, fileCount: 5, format: "paddleocr-onnx/v1", metrics: { hmean: 0.81 }, notes: "first", createdById: actor.userId });
    expect(row.sizeBytes).toBe(manifest.files.reduce((sum: number, f: { size: number }) => sum + f.size, 0));
    expect(await db.prisma.auditEvent.count({ where: { action: "model.version.register", objectId: row.id } })).toBe(1);

    const second = await registerVersion({ teamId: actor.teamId, modelName: "receipts", source: { kind: "directory", path: folder }, actor: by() }, { prisma: db.prisma, store });
    expect(second.version).toBe("2");
  });

  it("gives concurrent registrations distinct numbers and refuses a version that exists", async () => {
    const results = await Promise.all(
      [0, 1, 2].map(() => registerVersion({ teamId: actor.teamId, modelName: "parallel", source: { kind: "directory", path: folder }, actor: by() }, { prisma: db.prisma, store })),
    );
    expect(results.map((r) => r.version).sort()).toEqual(["1", "2", "3"]);
    await expect(
      registerVersion({ teamId: actor.teamId, modelName: "parallel", version: "2", source: { kind: "directory", path: folder }, actor: by() }, { prisma: db.prisma, store }),
    ).rejects.toMatchObject({ code: "conflict" });
    // A failed registration leaves no row behind.
    await expect(
      registerVersion({ teamId: actor.teamId, modelName: "parallel", source: { kind: "directory", path: "/nonexistent/folder" }, actor: by() }, { prisma: db.prisma, store }),
    ).rejects.toMatchObject({ code: "bad_request" });
    expect(await db.prisma.modelVersion.count({ where: { teamId: actor.teamId, modelName: "parallel" } })).toBe(3);
  });

  it("records an existing tarball where it is, with its entries listed by streaming it", async () => {
    const tarball = await tarGz({ "inference/inference.pdmodel": "graph", "inference/inference.pdiparams": randomBytes(4096), "config.yml": "Global:\n  use_gpu: false\n" });
    await store.client.send(new PutObjectCommand({ Bucket: store.bucket, Key: "outputs/run-7/model.tar.gz", Body: tarball }));
    const registered = await registerVersion(
      { teamId: actor.teamId, modelName: "ch_db", version: "7", source: { kind: "object", uri: `s3://${store.bucket}/outputs/run-7/model.tar.gz` }, actor: { id: null, label: "run run-7" } },
      { prisma: db.prisma, store },
    );
    expect(registered.storageUri).toBe(`s3://${store.bucket}/outputs/run-7/model.tar.gz`);
    const manifest = JSON.parse((await readObjectText(store.client, store.bucket, "ch_db/7/model.json"))!);
    expect(manifest).toMatchObject({ format: "sagemaker-model-tarball", createdBy: { id: null, label: "run run-7" } });
    expect(manifest.files).toEqual([
      {
        path: "model.tar.gz",
        size: tarball.byteLength,
        sha256: sha256(tarball),
        contents: [
          { path: "inference/inference.pdmodel", size: 5 },
          { path: "inference/inference.pdiparams", size: 4096 },
          { path: "config.yml", size: 25 },
        ],
        contentsTruncated: false,
      },
    ]);

    // Its training config is read from inside the tarball, stopping at that entry.
    const shown = await getVersion(db.prisma, actor, "ch_db", "7", store);
    expect(shown.config).toEqual({ path: "model.tar.gz!/config.yml", text: "Global:\n  use_gpu: false\n", truncated: false });
    expect(shown.files[0]).toMatchObject({ tarball: true, contents: manifest.files[0].contents, downloadable: true });

    // Served locally from its contents.
    const dir = await materializeVersion(actor.teamId, "ch_db", "7", { prisma: db.prisma, store, cacheRoot });
    expect(readFileSync(path.join(dir, "inference", "inference.pdmodel"), "utf8")).toBe("graph");
  });

  it("fetches a version once for local serving, checks every sha256, and writes the runtime's model.json", async () => {
    const dir = await materializeVersion(actor.teamId, "receipts", "1", { prisma: db.prisma, store, cacheRoot });
    expect(dir).toBe(path.join(cacheRoot, actor.teamId, "receipts", "1"));
    expect(readFileSync(path.join(dir, "det.onnx")).equals(det)).toBe(true);
    const runtime = await loadModelVersion(dir);
    expect(runtime.manifest).toMatchObject({ format: "paddleocr-onnx/v1", name: "receipts", parameters: { det_db_thresh: 0.25 } });
    // The second call finds the folder ready.
    expect(await materializeVersion(actor.teamId, "receipts", "1", { prisma: db.prisma, store, cacheRoot })).toBe(dir);

    // A file changed behind the registry's back is refused, not served.
    await store.client.send(new PutObjectCommand({ Bucket: store.bucket, Key: "receipts/2/det.onnx", Body: randomBytes(70_000) }));
    await expect(materializeVersion(actor.teamId, "receipts", "2", { prisma: db.prisma, store, cacheRoot })).rejects.toThrow(/does not match its sha256/);
    expect(existsSync(path.join(cacheRoot, actor.teamId, "receipts", "2"))).toBe(false);
  });
});
