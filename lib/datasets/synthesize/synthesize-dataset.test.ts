import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { readConfig } from "@/lib/config/env";
import type { Database } from "@/lib/db/open-database";
import { ConsoleError } from "@/lib/errors/console-error";
import { cancelJob, getJob, waitForJob } from "@/lib/jobs";
import { listAll } from "@/lib/storage/list-objects";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { getDatasetStats } from "@/lib/datasets/preview/get-dataset-stats";
import { listSamples } from "@/lib/datasets/preview/list-samples";
import { synthesisCapabilities } from "./synthesis-capabilities";
import { synthesizeDataset } from "./synthesize-dataset";

const request = { name: "synth-lines", task: "rec", text: "alpha beta gamma delta", count: 5, seed: 11, fontSize: { min: 24, max: 28 } };

describe("synthesizing a dataset into the object store", () => {
  let db: Database;
  let actor: Actor;
  let dataDir: string;
  beforeAll(async () => {
    useTestObjectStore();
    // The validation that follows keeps its working copy under the data directory.
    dataDir = await mkdtemp(path.join(tmpdir(), "synth-data-"));
    process.env.CONSOLE_DATA_DIR = dataDir;
    db = await openTestDatabase("pglite");
    actor = await seedActor(db.prisma, "editor");
  });
  afterAll(async () => {
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const keysUnder = async (sourceUri: string) => {
    const { bucket } = readConfig().s3;
    const prefix = `${sourceUri.replace(`minio://${bucket}/`, "")}/`;
    return (await listAll(objectStoreClient(), bucket, prefix)).objects.map((o) => o.key.slice(prefix.length)).sort();
  };

  it("answers with a job at once, writes PaddleOCR files under the prefix, registers the dataset and validates it clean", async () => {
    const started = await synthesizeDataset(db.prisma, actor, request);
    expect(started).toMatchObject({ name: "synth-lines", seed: 11 });
    // The embedded store (S3_ENDPOINT) is named minio://, as uploaded datasets are, so targets use its endpoint.
    expect(started.sourceUri).toMatch(new RegExp(`^minio://${readConfig().s3.bucket}/_console/datasets/synthetic/synth-lines-[0-9a-f]{8}$`));

    const job = await waitForJob(started.jobId, { prisma: db.prisma });
    expect(job).toMatchObject({ state: "succeeded", kind: "dataset.synthesize", progress: 1 });
    expect(job.result).toMatchObject({ name: "synth-lines", sourceUri: started.sourceUri, train: 4, test: 1, labelFiles: ["rec_gt_train.txt", "rec_gt_test.txt"] });

    const dataset = await db.prisma.dataset.findUniqueOrThrow({ where: { teamId_name: { teamId: actor.teamId, name: "synth-lines" } } });
    expect(dataset).toMatchObject({ task: "rec", sourceUri: started.sourceUri, trainLabelFile: "rec_gt_train.txt", testLabelFile: "rec_gt_test.txt" });
    expect(await keysUnder(started.sourceUri)).toEqual([
      "rec_gt_test.txt",
      "rec_gt_train.txt",
      "synthesis.json",
      "test/word_000001.png",
      "train/word_000001.png",
      "train/word_000002.png",
      "train/word_000003.png",
      "train/word_000004.png",
    ]);
    const { bucket } = readConfig().s3;
    const label = await objectStoreClient().send(
      new GetObjectCommand({ Bucket: bucket, Key: `${started.sourceUri.replace(`minio://${bucket}/`, "")}/rec_gt_train.txt` }),
    );
    const lines = (await label.Body!.transformToString()).trim().split("\n");
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/^train\/word_\d{6}\.png\t(alpha|beta|gamma|delta)( (alpha|beta|gamma|delta))*$/);

    // Validated like any dataset: version 1, valid, with the statistics the preview charts.
    const validation = await waitForJob((job.result as { validationJobId: string }).validationJobId, { prisma: db.prisma });
    expect(validation).toMatchObject({ state: "succeeded", kind: "dataset.validate" });
    const version = await db.prisma.datasetVersion.findFirstOrThrow({ where: { datasetId: dataset.id } });
    expect(version).toMatchObject({ version: 1, valid: true, imageCount: 5, labelCount: 5 });
    expect((version.stats as { imageSizes: unknown[] }).imageSizes.length).toBeGreaterThan(0);

    // And it can be previewed from its working copy, with the stored statistics.
    const page = await listSamples(db.prisma, actor, "synth-lines", { split: "train" });
    expect(page.items.map((s) => s.imagePath)).toEqual(["train/word_000001.png", "train/word_000002.png", "train/word_000003.png", "train/word_000004.png"]);
    expect(page.items[0]!.image?.height).toBeGreaterThan(24);
    expect(await getDatasetStats(db.prisma, actor, "synth-lines")).toMatchObject({ source: "version", version: 1, task: "rec" });

    const audit = await db.prisma.auditEvent.findMany({ where: { teamId: actor.teamId }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["dataset.synthesize", "dataset.create"]));
  });

  it("refuses what would fail later — a taken name, a font that is not installed, characters PaddleOCR cannot learn — before starting", async () => {
    const before = await db.prisma.job.count();
    const error = (await synthesizeDataset(db.prisma, actor, { ...request, fonts: ["Comic Nonexistent"], text: "ok 🙂 ok" }).catch((e: unknown) => e)) as ConsoleError;
    expect(error).toBeInstanceOf(ConsoleError);
    expect(error.fieldErrors?.name?.[0]).toMatch(/taken/);
    expect(error.fieldErrors?.fonts?.[0]).toMatch(/Not installed on the server: Comic Nonexistent/);
    expect(error.fieldErrors?.text?.[0]).toMatch(/U\+1F642/);
    const bad = (await synthesizeDataset(db.prisma, actor, { ...request, name: "Bad Name", count: 0 }).catch((e: unknown) => e)) as ConsoleError;
    expect(Object.keys(bad.fieldErrors ?? {})).toEqual(expect.arrayContaining(["name", "count"]));
    expect(await db.prisma.job.count()).toBe(before);
  });

  it("cancelled, it registers nothing and removes what it wrote", async () => {
    const started = await synthesizeDataset(db.prisma, actor, { ...request, name: "synth-cancelled", count: 400 });
    for (let i = 0; i < 100 && ((await getJob(started.jobId, { prisma: db.prisma }))?.progress ?? 0) === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await cancelJob(started.jobId, { prisma: db.prisma });
    const job = await waitForJob(started.jobId, { prisma: db.prisma });
    expect(job.state).toBe("cancelled");
    expect(await db.prisma.dataset.count({ where: { teamId: actor.teamId, name: "synth-cancelled" } })).toBe(0);
    expect(await keysUnder(started.sourceUri)).toEqual([]);
  });

  it("tells the form which fonts are installed and starts from the defaults", async () => {
    const capabilities = await synthesisCapabilities();
    expect(capabilities.fonts).toEqual(expect.arrayContaining(["DejaVu Sans", "DejaVu Serif"]));
    expect(capabilities.defaults).toMatchObject({ fonts: ["DejaVu Sans"], testFraction: 0.1, maxChars: 25 });
  });
});
