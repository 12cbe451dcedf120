import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { ensureBuiltinModelVersion } from "@/lib/endpoints/builtin-model";
import { listAll } from "@/lib/storage/list-objects";
import { readObjectText } from "@/lib/storage/object-stream";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { compareVersions } from "./compare-versions";
import { deleteVersion } from "./delete-version";
import { downloadVersionFile } from "./download-version-file";
import { registerFormUpload } from "./register-form-upload";
import { getVersion } from "./get-version";
import { listModels } from "./list-models";
import { listVersions } from "./list-versions";
import { registerVersion } from "./register-version";
import type { RegistryStore } from "./registry-store";
import { rescanBucket } from "./rescan-bucket";
import { setAlias } from "./set-alias";
import { tarGz } from "./test-fixtures";
import { updateNotes } from "./update-notes";
import { tarballListing } from "./version-files";
import { findVersionOrThrow } from "./get-version";

// What the models pages show, against the real S3 server: lists, a version's page, comparisons,
// notes, and deletion with its guards.
describe("model versions", () => {
  let db: Database;
  let actor: Actor;
  let store: RegistryStore;
  let root: string;

  const folder = (name: string, files: Record<string, string>) => {
    const dir = path.join(root, name);
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    }
    return dir;
  };
  const register = (modelName: string, dir: string, metrics: Record<string, number>, version?: string) =>
    registerVersion({ teamId: actor.teamId, modelName, version, source: { kind: "directory", path: dir }, metrics, actor: { id: actor.userId, label: actor.email } }, { prisma: db.prisma, store });

  beforeAll(async () => {
    useTestObjectStore();
    db = await openTestDatabase("pglite");
    actor = await seedActor(db.prisma, "editor");
    store = { client: objectStoreClient(), bucket: `versions-${Date.now()}` };
    await store.client.send(new CreateBucketCommand({ Bucket: store.bucket }));
    root = mkdtempSync(path.join(os.tmpdir(), "versions-"));
    const v1 = folder("v1", { "inference.pdmodel": "graph-1", "inference.pdiparams": "weights-1", "config.yml": "Global:\n  epoch_num: 10\n  use_gpu: true\n" });
    const v2 = folder("v2", { "inference.pdmodel": "graph-1", "inference.pdiparams": "weights-two", "config.yml": "Global:\n  epoch_num: 20\n  use_gpu: true\n", "extra.txt": "x" });
    await register("ch_det", v1, { hmean: 0.71, precision: 0.8 });
    await register("ch_det", v2, { hmean: 0.78 });
    await register("ch_det", v1, { hmean: 0.75 });
    await register("en_rec", folder("rec", { "rec.onnx": "r" }), { acc: 0.9 });
  });
  afterAll(async () => db?.close());

  it("lists every model with its latest version, count and aliases; search and sort", async () => {
    await setAlias(db.prisma, actor, "ch_det", "production", { version: "2" }, store);
    const { items } = await listModels(db.prisma, actor, { sort: "name" });
    expect(items.map((m) => [m.name, m.versionCount, m.latestVersion, m.aliases.map((a) => `${a.alias}→${a.version}`)])).toEqual([
      ["ch_det", 3, "3", ["production→2"]],
      ["en_rec", 1, "1", []],
    ]);
    expect((await listModels(db.prisma, actor, { q: "REC" })).items.map((m) => m.name)).toEqual(["en_rec"]);
    expect((await listModels(db.prisma, actor, { sort: "versions" })).items.map((m) => m.name)).toEqual(["ch_det", "en_rec"]);
    const first = await listModels(db.prisma, actor, { sort: "name", limit: 1 });
    expect(first.items.map((m) => m.name)).toEqual(["ch_det"]);
    expect((await listModels(db.prisma, actor, { sort: "name", limit: 1, cursor: first.nextCursor })).items.map((m) => m.name)).toEqual(["en_rec"]);
  });

  it("pages one model's versions sorted by a metric, by version and by size", async () => {
    const byHmean = await listVersions(db.prisma, actor, "ch_det", { sort: "metric:hmean", limit: 2 });
    expect(byHmean.items.map((v) => [v.version, v.metrics.hmean, v.aliases])).toEqual([
      ["2", 0.78, ["production"]],
      ["3", 0.75, []],
    ]);
    const rest = await listVersions(db.prisma, actor, "ch_det", { sort: "metric:hmean", limit: 2, cursor: byHmean.nextCursor });
    expect(rest.items.map((v) => v.version)).toEqual(["1"]);
    expect(rest.nextCursor).toBeNull();
    // A version without the metric sorts last.
    expect((await listVersions(db.prisma, actor, "ch_det", { sort: "metric:precision" })).items.map((v) => v.version)).toEqual(["1", "3", "2"]);
    expect((await listVersions(db.prisma, actor, "ch_det", { sort: "version", order: "asc" })).items.map((v) => v.version)).toEqual(["1", "2", "3"]);
    const bySize = await listVersions(db.prisma, actor, "ch_det", { sort: "size", limit: 1 });
    expect(bySize.items[0]).toMatchObject({ version: "2", fileCount: 4, createdBy: actor.email });
    await expect(listVersions(db.prisma, actor, "ch_det", { sort: "created", cursor: bySize.nextCursor })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("shows a version's files, metrics, config and aliases, and compares two versions", async () => {
    const version = await getVersion(db.prisma, actor, "ch_det", "2", store);
    expect(version.files.map((f) => [f.path, f.size, f.sha256?.length])).toEqual([
      ["config.yml", 40, 64],
      ["extra.txt", 1, 64],
      ["inference.pdiparams", 11, 64],
      ["inference.pdmodel", 7, 64],
    ]);
    expect(version.config).toEqual({ path: "config.yml", text: "Global:\n  epoch_num: 20\n  use_gpu: true\n", truncated: false });
    expect(version.aliasDetails).toMatchObject([{ alias: "production", setBy: actor.email }]);

    const comparison = await compareVersions(db.prisma, actor, "ch_det", { a: "1", b: "2" }, store);
    expect(comparison.metrics).toEqual([
      { name: "hmean", a: 0.71, b: 0.78, delta: expect.closeTo(0.07, 10) },
      { name: "precision", a: 0.8, b: null, delta: null },
    ]);
    expect(comparison.config?.lines.filter((l) => l.kind !== "same")).toEqual([
      { kind: "removed", text: "  epoch_num: 10" },
      { kind: "added", text: "  epoch_num: 20" },
    ]);
    expect(comparison.files.map((f) => [f.path, f.change])).toEqual([
      ["config.yml", "changed"],
      ["extra.txt", "added"],
      ["inference.pdiparams", "changed"],
      ["inference.pdmodel", "same"],
    ]);
  });

  it("shows a version written by another tool with what can be inferred, and lists its tarball by streaming it", async () => {
    const tarball = await tarGz({ "ch_db/server/serving_server_conf.prototxt": "feed_var {}", "ch_db/config.yml": "Global: {}\n" });
    await store.client.send(new PutObjectCommand({ Bucket: store.bucket, Key: "ch_db/latest/ch_db.tar.gz", Body: tarball }));
    await rescanBucket(db.prisma, actor, { store });
    const version = await getVersion(db.prisma, actor, "ch_db", "latest", store);
    expect(version).toMatchObject({ hasManifest: false, format: "paddlecloud-tarball", files: [{ path: "ch_db.tar.gz", sha256: null, tarball: true, contents: null }] });
    const row = await findVersionOrThrow(db.prisma, actor, "ch_db", "latest");
    const listing = await tarballListing(store, row, [{ path: "ch_db.tar.gz", size: tarball.byteLength, sha256: null }], "ch_db.tar.gz");
    expect(listing.entries).toEqual([
      { path: "ch_db/server/serving_server_conf.prototxt", size: 11 },
      { path: "ch_db/config.yml", size: 11 },
    ]);
  });

  it("edits notes in model.json and the mirror", async () => {
    await updateNotes(db.prisma, actor, "ch_det", "3", { notes: "  best on receipts  " }, store);
    expect(JSON.parse((await readObjectText(store.client, store.bucket, "ch_det/3/model.json"))!)).toMatchObject({ notes: "best on receipts", metrics: { hmean: 0.75 } });
    expect((await getVersion(db.prisma, actor, "ch_det", "3", store, { withConfig: false })).notes).toBe("best on receipts");
    // The rewritten model.json is picked up as it is by the next rescan, not as a change.
    expect(await rescanBucket(db.prisma, actor, { store })).toMatchObject({ updated: 0, removed: 0 });
  });

  it("registers a version sent as a multipart form (the REST upload) and streams its files back", async () => {
    const form = new FormData();
    form.append("files", new Blob(["onnx-bytes"]), "rec.onnx");
    form.append("files", new Blob(["a\nb\n"]), "dict/keys.txt");
    form.append("metrics", JSON.stringify({ acc: 0.93 }));
    form.append("notes", "from a script");
    const request = new Request("http://console/api/v1/models/en_rec/versions", { method: "POST", body: form });
    expect(await registerFormUpload(db.prisma, actor, "en_rec", request, store)).toMatchObject({ version: "2" });
    const version = await getVersion(db.prisma, actor, "en_rec", "2", store);
    expect(version).toMatchObject({ metrics: { acc: 0.93 }, notes: "from a script", format: "onnx" });
    expect(version.files.map((f) => f.path)).toEqual(["dict/keys.txt", "rec.onnx"]);

    const file = await downloadVersionFile(db.prisma, actor, "en_rec", "2", "dict/keys.txt", undefined, store);
    expect(file).toMatchObject({ size: 4, name: "keys.txt" });
    expect(await new Response(file.body).text()).toBe("a\nb\n");
    await expect(downloadVersionFile(db.prisma, actor, "en_rec", "2", "../../secrets", undefined, store)).rejects.toMatchObject({ code: "not_found" });

    const bad = new FormData();
    bad.append("files", new Blob(["x"]), "../escape.txt");
    await expect(registerFormUpload(db.prisma, actor, "en_rec", new Request("http://console/x", { method: "POST", body: bad }), store)).rejects.toMatchObject({ code: "bad_request" });
  });

  it("refuses to delete a version that is aliased, deployed or built in, and deletes it only when confirmed", async () => {
    await expect(deleteVersion(db.prisma, actor, "ch_det", "2", { confirm: "ch_det:2" }, store)).rejects.toThrow(/production points at ch_det:2; move it first/);

    const target = await db.prisma.target.create({ data: { teamId: actor.teamId, name: "local", kind: "local" } });
    const row = await findVersionOrThrow(db.prisma, actor, "ch_det", "1");
    await db.prisma.endpoint.create({
      data: { teamId: actor.teamId, name: "det", targetId: target.id, deployments: { create: { modelVersionId: row.id, trafficPercent: 100 } } },
    });
    await expect(deleteVersion(db.prisma, actor, "ch_det", "1", { confirm: "ch_det:1" }, store)).rejects.toThrow(/deployed \(endpoint det\); undeploy it first/);

    const builtin = await ensureBuiltinModelVersion(db.prisma, actor.teamId);
    await expect(deleteVersion(db.prisma, actor, "pp-ocrv4", builtin.version, { confirm: `pp-ocrv4:${builtin.version}` }, store)).rejects.toMatchObject({ code: "conflict" });

    await expect(deleteVersion(db.prisma, actor, "ch_det", "3", { confirm: "ch_det:2" }, store)).rejects.toThrow(/Type ch_det:3 to confirm/);
    await deleteVersion(db.prisma, actor, "ch_det", "3", { confirm: "ch_det:3" }, store);
    expect((await listAll(store.client, store.bucket, "ch_det/3/")).objects).toEqual([]);
    expect((await listVersions(db.prisma, actor, "ch_det")).items.map((v) => v.version)).toEqual(["2", "1"]);
    expect(await db.prisma.auditEvent.count({ where: { action: "model.version.delete" } })).toBe(1);
    // Numbering continues after the highest version left.
    expect((await register("ch_det", path.join(root, "v1"), {})).version).toBe("3");
  });
});
