import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { ConsoleError } from "@/lib/errors/console-error";
import { waitForJob } from "@/lib/jobs";
import { localDatasetCache } from "@/lib/providers/local/local-dataset-cache";
import type { DatasetCacheSpec, DatasetCacheStatus } from "@/lib/providers/dataset-cache";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { startDatasetCache } from "./cache-dataset";
import { createDataset } from "./create-dataset";
import { datasetLaunchSpec, localDatasetRoot } from "./dataset-files";
import { localCacheDir } from "./dataset-paths";
import { getDataset } from "./get-dataset";
import { readManifest, sha256File } from "./manifest";
import { startDatasetValidation } from "./start-dataset-validation";
import { uploadDatasetArchive } from "./upload-dataset-archive";

// The dataset's whole path against the real S3-protocol server and PGlite: upload an archive, validate it
// in the background into a version with its manifest in the store, read the report, cache it locally.

let db: Database;
let editor: Actor;
let dataDir: string;
const bucket = () => process.env.S3_BUCKET!;

beforeAll(async () => {
  useTestObjectStore();
  dataDir = await mkdtemp(path.join(os.tmpdir(), "dataset-flow-"));
  process.env.CONSOLE_DATA_DIR = dataDir;
  process.env.CONSOLE_SECRET_KEY ??= "dataset-flow-test-key";
  db = await openTestDatabase("pglite");
  editor = await seedActor(db.prisma, "editor");
  await db.prisma.target.create({ data: { teamId: editor.teamId, name: "local", kind: "local" } });
});
afterAll(async () => {
  await db?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const png = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: "#fff" } }).png().toBuffer();
const box = (text: string, x0: number, y0: number, x1: number, y1: number) => ({ transcription: text, points: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]] });
const det = (image: string, boxes: unknown[]) => `${image}\t${JSON.stringify(boxes)}`;

async function zipOf(files: Record<string, string | Buffer>, top = "icdar"): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) zip.addBuffer(Buffer.from(data), `${top}/${name}`);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const upload = (bytes: Buffer) => ({ body: new Response(new Uint8Array(bytes)).body, contentLength: bytes.length });

async function brokenAndFixedArchives() {
  const images = { "imgs/a.png": await png(100, 50), "imgs/b.png": await png(200, 100) };
  const broken = await zipOf({
    ...images,
    "train.txt": [det("imgs/a.png", [box("Hello", 0, 0, 50, 20)]), det("imgs/missing.png", [box("x", 0, 0, 5, 5)]), det("imgs/b.png", [box("far", 150, 10, 250, 20)])].join("\n") + "\n",
    "test.txt": det("imgs/a.png", [box("again", 0, 0, 10, 10)]) + "\n",
  });
  const fixed = await zipOf({
    ...images,
    "train.txt": [det("imgs/a.png", [box("Hello", 0, 0, 50, 20)]), det("imgs/b.png", [box("near", 150, 10, 190, 20)])].join("\n") + "\n",
    "test.txt": "",
  });
  return { broken, fixed };
}

describe("dataset upload → validation → version", () => {
  it("validates an uploaded archive in the background and keeps each validated state as a version", async () => {
    const name = "icdar-upload";
    const created = await createDataset(db.prisma, editor, { name, task: "det", source: "upload", trainLabelFile: "train.txt", testLabelFile: "test.txt" });
    expect(created).toMatchObject({ sourceKind: "upload", status: "registered", sourceUri: expect.stringMatching(new RegExp(`^minio://${bucket()}/_console/datasets/${created.id}/source/$`)) });
    await expect(startDatasetValidation(db.prisma, editor, name)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/upload its .zip or .tar.gz archive first/) });

    const { broken, fixed } = await brokenAndFixedArchives();
    const first = await uploadDatasetArchive(db.prisma, editor, name, upload(broken));
    expect(first.upload).toMatchObject({ format: "zip", files: 4, bytes: broken.length });
    expect(first.validation.kind).toBe("dataset.validate");
    const job = await waitForJob(first.validation.id, { prisma: db.prisma });
    expect(job).toMatchObject({ state: "succeeded", progress: 1, result: { version: 1, valid: false, unchanged: false } });

    const detail = await getDataset(db.prisma, editor, name);
    expect(detail.status).toBe("invalid");
    expect(detail.versions.map((v) => v.version)).toEqual([1]);
    const report = detail.latestVersion!.report;
    expect(report.issues.map((i) => [i.file, i.line, i.kind])).toEqual([
      ["train.txt", 2, "missing_image"],
      ["train.txt", 3, "box_outside_image"],
      ["test.txt", 1, "duplicate_image"],
    ]);
    expect(report.issues[1]!.message).toBe("line 3: box 1 point (250, 10) lies outside the 200×100 image; fix the coordinates or the image");
    expect(detail.latestVersion).toMatchObject({ fileCount: 4, imageCount: 2, labelCount: 4, issueCount: 3, valid: false });

    // The manifest lists every file with its size and sha256, and the files are in the store for other targets.
    const manifest = await readManifest(detail.latestVersion!.manifestKey!);
    const root = await localDatasetRoot(created.id, { prisma: db.prisma });
    expect(manifest.files.map((f) => f.path)).toEqual(["imgs/a.png", "imgs/b.png", "test.txt", "train.txt"]);
    expect(manifest.files[3]!.sha256).toBe(await sha256File(path.join(root, "train.txt")));
    const stored = await objectStoreClient().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: `_console/datasets/${created.id}/source/` }));
    expect(stored.Contents?.map((o) => o.Key!.split("/source/")[1]).sort()).toEqual(["imgs/a.png", "imgs/b.png", "test.txt", "train.txt"]);

    // Validating unchanged files makes no new version.
    const again = await startDatasetValidation(db.prisma, editor, name);
    expect((await waitForJob(again.id, { prisma: db.prisma })).result).toMatchObject({ version: 1, unchanged: true });

    // A fixed archive replaces the files: version 2, valid; version 1 stays as it was.
    const second = await uploadDatasetArchive(db.prisma, editor, name, upload(fixed));
    expect((await waitForJob(second.validation.id, { prisma: db.prisma })).result).toMatchObject({ version: 2, valid: true });
    const now = await getDataset(db.prisma, editor, name);
    expect(now).toMatchObject({ status: "valid", latestVersion: { version: 2, valid: true, issueCount: 0 } });
    expect(now.versions.map((v) => [v.version, v.valid])).toEqual([[2, true], [1, false]]);
    const stillThere = await objectStoreClient().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: `_console/datasets/${created.id}/source/` }));
    expect(stillThere.KeyCount).toBe(4);

    const actions = (await db.prisma.auditEvent.findMany({ where: { objectId: created.id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["dataset.create", "dataset.upload", "dataset.validate", "dataset.validate", "dataset.upload", "dataset.validate"]);

    const spec = await datasetLaunchSpec(editor.teamId, name, null, { prisma: db.prisma });
    expect(spec).toMatchObject({ name, task: "det", version: 2, trainLabelFile: "train.txt", cacheLocation: null });
    await expect(datasetLaunchSpec(editor.teamId, name, 9, { prisma: db.prisma })).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a zip slip upload with a 422 and keeps the files it had", async () => {
    const name = "slip";
    const created = await createDataset(db.prisma, editor, { name, task: "rec", source: "upload", trainLabelFile: "train.txt", testLabelFile: "test.txt" });
    const good = await zipOf({ "train.txt": "a.png\thi\n", "test.txt": "" });
    const first = await uploadDatasetArchive(db.prisma, editor, name, upload(good));
    await waitForJob(first.validation.id, { prisma: db.prisma });
    const evil = Buffer.from((await zipOf({ "xx/evil.txt": "boom" }, "aa")).toString("latin1").replaceAll("aa/xx/evil.txt", "../../evil.txt"), "latin1");
    const error = await uploadDatasetArchive(db.prisma, editor, name, upload(evil)).catch((e: unknown) => e as ConsoleError);
    expect(error).toBeInstanceOf(ConsoleError);
    expect(error).toMatchObject({ status: 422, message: expect.stringMatching(/climbs out of the dataset/) });
    expect(await readFile(path.join(await localDatasetRoot(created.id), "train.txt"), "utf8")).toBe("a.png\thi\n");
    await expect(stat(path.join(dataDir, "..", "evil.txt"))).rejects.toThrow();
  });

  it("refuses an upload to a dataset that reads from a URI", async () => {
    await createDataset(db.prisma, editor, { name: "remote-one", task: "det", sourceUri: "s3://ocr-data/x", trainLabelFile: "a.txt", testLabelFile: "b.txt" });
    await expect(uploadDatasetArchive(db.prisma, editor, "remote-one", upload(Buffer.from("PK")))).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("remote sources", () => {
  it("validates an s3:// prefix read with the dataset's own sealed credentials, which are never shown", async () => {
    const client = objectStoreClient();
    const prefix = `team-data/rec-lines-${Date.now()}`;
    await client.send(new PutObjectCommand({ Bucket: bucket(), Key: `${prefix}/crops/1.png`, Body: await png(40, 12) }));
    await client.send(new PutObjectCommand({ Bucket: bucket(), Key: `${prefix}/train.txt`, Body: "crops/1.png\tHello\ncrops/2.png\tWorld\n" }));
    await client.send(new PutObjectCommand({ Bucket: bucket(), Key: `${prefix}/test.txt`, Body: "crops/1.png\tHello\n" }));
    await client.send(new PutObjectCommand({ Bucket: bucket(), Key: `${prefix}/dict.txt`, Body: "H\ne\nl\no\nW\nr\nd\n" }));
    const secret = process.env.S3_SECRET_ACCESS_KEY!;
    const created = await createDataset(db.prisma, editor, {
      name: "rec-lines",
      task: "rec",
      sourceUri: `minio://${bucket()}/${prefix}`,
      trainLabelFile: "train.txt",
      testLabelFile: "test.txt",
      dictionaryFile: "dict.txt",
      useSpaceChar: false,
      credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID, secretAccessKey: secret, endpoint: process.env.S3_ENDPOINT },
    });
    expect(created).toMatchObject({ hasCredentials: true, dictionaryFile: "dict.txt", useSpaceChar: false });
    const row = await db.prisma.dataset.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.credentialsCiphertext).not.toContain(secret);
    const job = await startDatasetValidation(db.prisma, editor, "rec-lines");
    expect((await waitForJob(job.id, { prisma: db.prisma })).state).toBe("succeeded");
    const detail = await getDataset(db.prisma, editor, "rec-lines");
    expect(JSON.stringify(detail)).not.toContain(secret);
    expect(detail.latestVersion!.report.issues.map((i) => [i.line, i.kind])).toEqual([
      [2, "missing_image"],
      [1, "duplicate_image"],
    ]);
    const audit = await db.prisma.auditEvent.findMany({ where: { objectId: created.id } });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it("says bos:// and hdfs:// sources are for the Kubernetes target's SampleSet", async () => {
    await createDataset(db.prisma, editor, { name: "on-bos", task: "det", sourceUri: "bos://bucket-1/icdar", trainLabelFile: "a.txt", testLabelFile: "b.txt" });
    const error = (await startDatasetValidation(db.prisma, editor, "on-bos").catch((e: unknown) => e)) as ConsoleError;
    expect(error).toBeInstanceOf(ConsoleError);
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/bos:\/\/ sources can be cached only by a Kubernetes target's SampleSet/);
  });

  it("fails the job, not the console, when a label file is missing: the report says what the folder holds", async () => {
    const prefix = `team-data/no-labels-${Date.now()}`;
    await objectStoreClient().send(new PutObjectCommand({ Bucket: bucket(), Key: `${prefix}/readme.md`, Body: "hello" }));
    await createDataset(db.prisma, editor, { name: "no-labels", task: "det", sourceUri: `s3://${bucket()}/${prefix}`, trainLabelFile: "train.txt", testLabelFile: "test.txt" });
    const job = await startDatasetValidation(db.prisma, editor, "no-labels");
    await waitForJob(job.id, { prisma: db.prisma });
    const { latestVersion } = await getDataset(db.prisma, editor, "no-labels");
    expect(latestVersion!.report.issues.map((i) => [i.file, i.line, i.kind])).toEqual([
      ["train.txt", 0, "missing_label_file"],
      ["test.txt", 0, "missing_label_file"],
    ]);
    expect(latestVersion!.report.issues[0]!.message).toMatch(/its top level holds readme\.md/);
  });
});

describe("the local target's cache", () => {
  let spec: DatasetCacheSpec;
  let datasetId: string;

  beforeAll(async () => {
    const created = await createDataset(db.prisma, editor, { name: "to-cache", task: "det", source: "upload", trainLabelFile: "train.txt", testLabelFile: "test.txt" });
    datasetId = created.id;
    const files: Record<string, string | Buffer> = { "train.txt": "", "test.txt": "" };
    for (let i = 0; i < 12; i++) files[`imgs/${i}.bin`] = Buffer.alloc(200_000, i);
    const uploaded = await uploadDatasetArchive(db.prisma, editor, "to-cache", upload(await zipOf(files)));
    await waitForJob(uploaded.validation.id, { prisma: db.prisma });
    const version = (await getDataset(db.prisma, editor, "to-cache")).latestVersion!;
    spec = { datasetId, name: "to-cache", version: version.version, sourceUri: created.sourceUri, credentials: null, files: (await readManifest(version.manifestKey!)).files };
  });

  it("caches a version on the local target from the dataset page's action, shown per target", async () => {
    const job = await startDatasetCache(db.prisma, editor, "to-cache", { target: "local" });
    expect((await waitForJob(job.id, { prisma: db.prisma })).state).toBe("succeeded");
    const { caches } = await getDataset(db.prisma, editor, "to-cache");
    expect(caches).toEqual([
      expect.objectContaining({
        target: { name: "local", kind: "local" },
        supported: true,
        cache: expect.objectContaining({ state: "Ready", version: 1, progress: 1, location: localCacheDir(datasetId, 1), bytesTotal: 2_400_000 }),
      }),
    ]);
    expect((await readFile(path.join(localCacheDir(datasetId, 1), "imgs/5.bin")))[0]).toBe(5);
    const launch = await datasetLaunchSpec(editor.teamId, "to-cache", null, { prisma: db.prisma, targetId: (await db.prisma.target.findFirstOrThrow({ where: { teamId: editor.teamId } })).id });
    expect(launch.cacheLocation).toBe(localCacheDir(datasetId, 1));
    await localDatasetCache.evictDataset!(spec);
  });

  it("resumes an interrupted copy where it stopped, including a half-copied file", async () => {
    const controller = new AbortController();
    const seen: DatasetCacheStatus[] = [];
    await expect(
      localDatasetCache.cacheDataset(spec, {
        signal: controller.signal,
        onProgress: (s) => {
          seen.push(s);
          if (s.bytesDone >= 1_000_000) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ name: "AbortError" });
    const interrupted = await localDatasetCache.cacheStatus(spec);
    expect(interrupted).toMatchObject({ state: "Pending", phase: "Interrupted" });
    expect(interrupted.bytesDone).toBeGreaterThan(0);
    expect(interrupted.bytesDone).toBeLessThan(2_400_000);

    // A half-copied file is resumed from its .part, not started again.
    const dest = localCacheDir(datasetId, spec.version!);
    const last = spec.files!.at(-1)!;
    await rm(path.join(dest, last.path), { force: true });
    await writeFile(path.join(dest, `${last.path}.part`), (await readFile(path.join(await localDatasetRoot(datasetId), last.path))).subarray(0, 1000));

    const resumed: DatasetCacheStatus[] = [];
    const status = await localDatasetCache.cacheDataset(spec, { onProgress: (s) => resumed.push(s) });
    expect(status).toMatchObject({ state: "Ready", progress: 1, location: dest });
    expect(resumed.find((s) => s.phase === "Copying")?.message).toMatch(/^Resuming: \d+ of 14 files already here/);
    for (const file of spec.files!) expect(await sha256File(path.join(dest, file.path))).toBe(file.sha256);
    await localDatasetCache.evictDataset!(spec);
  });

  it("refuses a file whose checksum no longer matches the version, naming it", async () => {
    const [, , key] = /^minio:\/\/([^/]+)\/(.*)$/.exec(spec.sourceUri)!;
    await localDatasetCache.evictDataset!(spec);
    await objectStoreClient().send(new PutObjectCommand({ Bucket: bucket(), Key: `${key}imgs/3.bin`, Body: Buffer.alloc(200_000, 99) }));
    const status = await localDatasetCache.cacheDataset(spec, {});
    expect(status.state).toBe("Failed");
    expect(status.message).toMatch(/imgs\/3\.bin is not the file validated in version 1 \(its sha256 differs\)/);
    expect((await localDatasetCache.cacheStatus(spec)).state).not.toBe("Ready");
  });
});
