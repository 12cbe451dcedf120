import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { waitForJob } from "@/lib/jobs";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { createDataset } from "./create-dataset";
import { localDatasetRoot } from "./dataset-files";
import { datasetSourceDir } from "./dataset-paths";
import { startDatasetValidation } from "./start-dataset-validation";

// Issue #14 (medium): a source without credentials is read with the console's own store access, so it
// must not reach the console's internal objects (another dataset's upload, manifests, tested images), and
// on AWS it must not borrow the console's role at all unless the admin allows it.

let db: Database;
let editor: Actor;
let dataDir: string;
let counter = 0;
const bucket = () => process.env.S3_BUCKET!;
const saved = { ...process.env };

beforeAll(async () => {
  useTestObjectStore();
  dataDir = await mkdtemp(path.join(os.tmpdir(), "source-access-"));
  process.env.CONSOLE_DATA_DIR = dataDir;
  process.env.CONSOLE_SECRET_KEY ??= "source-access-test-key";
  db = await openTestDatabase("pglite");
  editor = await seedActor(db.prisma, "editor");
  // Another team's uploaded dataset, as the console keeps it.
  await objectStoreClient().send(new PutObjectCommand({ Bucket: bucket(), Key: "_console/datasets/other-team-ds/source/train.txt", Body: "secret.png\tprivate\n" }));
  await objectStoreClient().send(new PutObjectCommand({ Bucket: bucket(), Key: "team-data/lines/train.txt", Body: "a.png\thi\n" }));
});
afterEach(() => {
  for (const key of ["S3_ENDPOINT", "CONSOLE_SOURCES_USE_CONSOLE_CREDENTIALS"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  useTestObjectStore();
});
afterAll(async () => {
  await db?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const register = (sourceUri: string, credentials?: Record<string, string>) =>
  createDataset(db.prisma, editor, { name: `source-${++counter}`, task: "rec", sourceUri, trainLabelFile: "train.txt", testLabelFile: "train.txt", credentials });

/** A row as a console before this rule could have stored it. */
const registeredEarlier = (sourceUri: string) =>
  db.prisma.dataset.create({ data: { teamId: editor.teamId, name: `earlier-${++counter}`, task: "rec", sourceUri, trainLabelFile: "train.txt", testLabelFile: "train.txt" } });

describe("sources read with the console's own store access", () => {
  it.each([
    ["another dataset's upload", () => `minio://${bucket()}/_console/datasets/other-team-ds/source`],
    ["the console's objects", () => `minio://${bucket()}/_console`],
    ["the whole registry bucket", () => `minio://${bucket()}`],
    ["another internal folder", () => `s3://${bucket()}/_uploads/x`],
  ])("cannot name %s: 422 on sourceUri", async (_, uri) => {
    const error = await register(uri()).then(() => null, (e: unknown) => e as { status: number; fieldErrors?: Record<string, string[]> });
    expect(error?.status).toBe(422);
    expect(error?.fieldErrors?.sourceUri?.[0]).toMatch(/the console's registry bucket, where it keeps its own objects/);
  });

  it("cannot reach them with made-up keys for the console's own store either", async () => {
    const error = await register(`minio://${bucket()}/_console/datasets/other-team-ds/source`, { accessKeyId: "made-up", secretAccessKey: "made-up" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, fieldErrors: { sourceUri: [expect.stringMatching(/keeps its own objects/)] } });
  });

  it("refuses a dataset registered before the rule when it is read, and copies nothing", async () => {
    const earlier = await registeredEarlier(`minio://${bucket()}/_console/datasets/other-team-ds/source`);
    const job = await waitForJob((await startDatasetValidation(db.prisma, editor, earlier.name)).id, { prisma: db.prisma });
    expect(job).toMatchObject({ state: "failed", error: expect.stringMatching(/keeps its own objects/) });
    await expect(localDatasetRoot(earlier.id, { prisma: db.prisma })).rejects.toMatchObject({ status: 422 });
    expect(await readdir(datasetSourceDir(earlier.id)).catch(() => [])).toEqual([]);
  });

  it("still reads the team's own folders of the store, on MinIO or the embedded store by default", async () => {
    const created = await register(`minio://${bucket()}/team-data/lines`);
    const root = await localDatasetRoot(created.id, { prisma: db.prisma });
    expect(await readdir(root)).toEqual(["train.txt"]);
  });

  it("is refused there when the admin turns it off, telling the user to attach credentials", async () => {
    process.env.CONSOLE_SOURCES_USE_CONSOLE_CREDENTIALS = "0";
    await expect(register(`minio://${bucket()}/team-data/lines`)).rejects.toMatchObject({
      status: 422,
      fieldErrors: { sourceUri: [expect.stringMatching(/has no credentials.*attach an access key/)] },
    });
  });

  describe("on AWS (no S3_ENDPOINT)", () => {
    it("is refused by default, at registration and when an older dataset is read", async () => {
      delete process.env.S3_ENDPOINT;
      await expect(register("s3://any-bucket-of-the-account/data")).rejects.toMatchObject({
        status: 422,
        fieldErrors: { sourceUri: [expect.stringMatching(/CONSOLE_SOURCES_USE_CONSOLE_CREDENTIALS is off.*attach an access key/)] },
      });
      const earlier = await registeredEarlier("s3://any-bucket-of-the-account/data");
      await expect(localDatasetRoot(earlier.id, { prisma: db.prisma })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/attach an access key/) });
    });

    it("is registered when the admin allows it, or with the dataset's own keys", async () => {
      delete process.env.S3_ENDPOINT;
      await expect(register("s3://ocr-data/icdar", { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "x" })).resolves.toMatchObject({ hasCredentials: true });
      process.env.CONSOLE_SOURCES_USE_CONSOLE_CREDENTIALS = "1";
      await expect(register("s3://ocr-data/icdar")).resolves.toMatchObject({ hasCredentials: false });
    });
  });
});
