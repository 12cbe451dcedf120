import { appendFile, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { directorySink } from "@/lib/datasets/synthesize/dataset-sink";
import { generateSyntheticDataset } from "@/lib/datasets/synthesize/generate-dataset";
import type { Database } from "@/lib/db/open-database";
import { ConsoleError } from "@/lib/errors/console-error";
import { synthesizeDatasetSchema, type SynthesisOptions } from "@/lib/schemas/synthesize";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { getDatasetStats } from "./get-dataset-stats";
import { getSampleImage } from "./get-sample-image";
import { listSamples } from "./list-samples";
import type { Sample } from "./preview-schemas";

// A detection dataset made by the generator (8 train pages, 2 test), with a few broken lines appended
// to the train labels, previewed through the same functions the routes call.

describe("dataset preview", () => {
  let db: Database;
  let actor: Actor;
  let root: string;
  let outside: string;
  const deps = () => ({ datasetRoot: async () => root });

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    actor = await seedActor(db.prisma, "viewer");
    root = await mkdtemp(path.join(tmpdir(), "preview-"));
    outside = await mkdtemp(path.join(tmpdir(), "preview-outside-"));
    const options = {
      ...synthesizeDatasetSchema.parse({
        name: "pages",
        task: "det",
        text: "apple banana cherry damson elder fig grape",
        count: 10,
        testFraction: 0.2,
        fontSize: { min: 20, max: 24 },
        page: { width: 320, height: 240, lines: { min: 2, max: 3 } },
      }),
      seed: 5,
    } as SynthesisOptions;
    await generateSyntheticDataset(options, directorySink(root));
    await writeFile(path.join(outside, "secret.png"), await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } }).png().toBuffer());
    await symlink(path.join(outside, "secret.png"), path.join(root, "train", "escape.png"));
    await appendFile(
      path.join(root, "det_gt_train.txt"),
      ["train/gone.png\t[]", "no tab on this line", `train/escape.png\t[{"transcription":"APPLE pie","points":[[0,0],[3,0],[3,3],[0,3]]}]`, ""].join("\n"),
    );
    await db.prisma.dataset.create({
      data: { teamId: actor.teamId, name: "pages", task: "det", sourceUri: "s3://bucket-x/pages", trainLabelFile: "det_gt_train.txt", testLabelFile: "det_gt_test.txt" },
    });
  });
  afterAll(async () => {
    await db?.close();
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it("pages through the train labels in file order, every line once, with image sizes and boxes", async () => {
    const seen: Sample[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listSamples(db.prisma, actor, "pages", { split: "train", limit: "3", ...(cursor ? { cursor } : {}) }, deps());
      expect(page).toMatchObject({ task: "det", split: "train", labelFile: "det_gt_train.txt" });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.map((s) => s.line)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    const first = seen[0]!;
    expect(first).toMatchObject({ imagePath: "train/img_000001.png", image: { width: 320, height: 240 }, imageProblem: null, labelProblem: null });
    expect(first.boxes.length).toBeGreaterThanOrEqual(1);
    expect(first.boxes[0]!.points).toHaveLength(4);

    expect(seen[8]).toMatchObject({ imagePath: "train/gone.png", image: null, imageProblem: expect.stringMatching(/Missing/) });
    expect(seen[9]).toMatchObject({ imagePath: null, labelProblem: expect.stringMatching(/line 10: no tab/) });
    expect(seen[10]).toMatchObject({ imagePath: "train/escape.png", image: null, imageProblem: expect.stringMatching(/outside the dataset/) });

    const test = await listSamples(db.prisma, actor, "pages", { split: "test" }, deps());
    expect(test.items.map((s) => s.imagePath)).toEqual(["test/img_000001.png", "test/img_000002.png"]);
    expect(test.nextCursor).toBeNull();
  });

  it("finds samples by their text, ignoring case", async () => {
    const labels = await readFile(path.join(root, "det_gt_train.txt"), "utf8");
    const expected = labels.split("\n").filter((line) => /apple/i.test(line.split("\t")[1] ?? "")).length;
    const page = await listSamples(db.prisma, actor, "pages", { split: "train", q: "APPLE", limit: 100 }, deps());
    expect(page.items).toHaveLength(expected);
    for (const sample of page.items) expect(sample.boxes.some((b) => /apple/i.test(b.transcription))).toBe(true);
    const none = await listSamples(db.prisma, actor, "pages", { split: "train", q: "zzz" }, deps());
    expect(none).toMatchObject({ items: [], nextCursor: null, linesScanned: 11 });
  });

  it("refuses a made-up cursor and an unknown split with a message", async () => {
    await expect(listSamples(db.prisma, actor, "pages", { cursor: "bm9wZQ" }, deps())).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/cursor/) });
    const error = (await listSamples(db.prisma, actor, "pages", { split: "val" }, deps()).catch((e: unknown) => e)) as ConsoleError;
    expect(error.fieldErrors?.split?.[0]).toMatch(/train or split=test/);
  });

  it("serves a sample image full size or as a small thumbnail", async () => {
    const full = await getSampleImage(db.prisma, actor, "pages", { path: "train/img_000001.png" }, deps());
    expect(full.contentType).toBe("image/png");
    const bytes = Buffer.from(await new Response(full.body).arrayBuffer());
    expect(bytes.equals(await readFile(path.join(root, "train/img_000001.png")))).toBe(true);

    const thumb = await getSampleImage(db.prisma, actor, "pages", { path: "train/img_000001.png", size: "thumb" }, deps());
    expect(thumb.contentType).toBe("image/webp");
    const meta = await sharp(Buffer.from(await new Response(thumb.body).arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([320, 240]);
  });

  it.each([
    ["../outside.png", "bad_request"],
    ["train/../../etc/passwd", "bad_request"],
    ["/etc/passwd", "bad_request"],
    ["train/escape.png", "bad_request"],
    ["det_gt_train.txt", "unsupported_media_type"],
    ["train/gone.png", "not_found"],
  ])("refuses to serve %s (%s)", async (imagePath, code) => {
    const error = await getSampleImage(db.prisma, actor, "pages", { path: imagePath }, deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsoleError);
    expect((error as ConsoleError).code).toBe(code);
  });

  it("shows another team nothing", async () => {
    const stranger = await seedActor(db.prisma, "admin");
    await expect(listSamples(db.prisma, stranger, "pages", {}, deps())).rejects.toMatchObject({ code: "not_found" });
    await expect(getSampleImage(db.prisma, stranger, "pages", { path: "train/img_000001.png" }, deps())).rejects.toMatchObject({ code: "not_found" });
  });

  it("computes statistics from the files until a validated version stores them", async () => {
    const computed = await getDatasetStats(db.prisma, actor, "pages", deps());
    expect(computed).toMatchObject({ source: "computed", version: null, task: "det" });
    const boxes = computed.stats.boxesPerImage.reduce((n, bin) => n + bin.count, 0);
    expect(boxes).toBe(12); // 10 pages and the 2 appended lines with a box list; the malformed line has none
    expect(computed.stats.imageSizes[0]).toMatchObject({ w: 320, h: 240, count: 10 });
    expect(computed.stats.charFrequency.length).toBeGreaterThan(5);

    const dataset = await db.prisma.dataset.findFirstOrThrow({ where: { teamId: actor.teamId, name: "pages" } });
    const stored = { ...computed.stats, charFrequency: [{ char: "x", count: 1 }] };
    await db.prisma.datasetVersion.create({ data: { datasetId: dataset.id, version: 1, stats: stored, valid: true } });
    expect(await getDatasetStats(db.prisma, actor, "pages", deps())).toMatchObject({ source: "version", version: 1, stats: { charFrequency: [{ char: "x", count: 1 }] } });
  });
});
