import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { modelSourceOf } from "@/lib/endpoints/builtin-model";
import { builtinModelVersion, createOcrEngine } from "@/lib/ocr";
import { renderTextPng } from "@/lib/ocr/test-images";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { registerVersion } from "./register-version";
import type { RegistryStore } from "./registry-store";

// A version registered in the bucket is served by the local OCR runtime from its fetched copy.
describe("serving a registry version on this machine", () => {
  let db: Database;
  let actor: Actor;
  let store: RegistryStore;
  let tmp: string;

  beforeAll(async () => {
    useTestObjectStore();
    db = await openTestDatabase("pglite");
    actor = await seedActor(db.prisma, "editor");
    store = { client: objectStoreClient(), bucket: `serve-${Date.now()}` };
    await store.client.send(new CreateBucketCommand({ Bucket: store.bucket }));
    tmp = mkdtempSync(path.join(os.tmpdir(), "serve-version-"));
  });
  afterAll(async () => db?.close());

  it("fetches the version once into the cache and the OCR runtime reads with it", async () => {
    // An exported model folder in the runtime's layout, with its own model.json.
    const folder = path.join(tmp, "export");
    const { files } = builtinModelVersion();
    mkdirSync(folder);
    copyFileSync(files.detPath, path.join(folder, "det.onnx"));
    copyFileSync(files.recPath, path.join(folder, "rec.onnx"));
    copyFileSync(files.dictPath, path.join(folder, "dict.txt"));
    writeFileSync(path.join(folder, "model.json"), JSON.stringify({ format: "paddleocr-onnx/v1", name: "receipts", language: "ch", parameters: { det_db_thresh: 0.3 } }));
    const registered = await registerVersion(
      { teamId: actor.teamId, modelName: "receipts", source: { kind: "directory", path: folder }, actor: { id: actor.userId, label: actor.email } },
      { prisma: db.prisma, store },
    );
    const row = await db.prisma.modelVersion.findUniqueOrThrow({
      where: { teamId_modelName_version: { teamId: actor.teamId, modelName: "receipts", version: registered.version } },
    });

    const cacheRoot = path.join(tmp, "cache");
    expect(await modelSourceOf(row, "kubernetes", { prisma: db.prisma, store, cacheRoot })).toBe(row.storageUri);
    const dir = await modelSourceOf(row, "local", { prisma: db.prisma, store, cacheRoot });
    expect(dir).toBe(path.join(cacheRoot, actor.teamId, "receipts", registered.version));

    const engine = await createOcrEngine(dir);
    try {
      expect(engine.params.det_db_thresh).toBe(0.3);
      const image = await renderTextPng(520, 110, [{ text: "INVOICE 42", x: 30, y: 75, size: 46 }]);
      const result = await engine.recognize(image);
      expect(result.lines.map((l) => l.text.replace(/\s/g, ""))).toEqual(["INVOICE42"]);
    } finally {
      await engine.close();
    }
  }, 60_000);
});
