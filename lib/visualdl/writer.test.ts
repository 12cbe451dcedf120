import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readLogFile } from "./reader";
import type { VdlValue } from "./schema";
import { computeHistogram, computePrCurve, computeRocCurve, createLogWriter, logFileName } from "./writer";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "vdl-writer-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const T = 1_700_000_000_123;

describe("createLogWriter", () => {
  it("names the file vdlrecords.<10-digit seconds>.log and opens it with VisualDL's meta-data record", async () => {
    const w = await createLogWriter(dir, { timestamp: 1_234_567 });
    await w.close();
    expect(await readdir(dir)).toEqual(["vdlrecords.0001234567.log"]);
    expect(logFileName(1_700_000_000.9, ".x")).toBe("vdlrecords.1700000000.log.x");
    const { values } = await readLogFile(w.file);
    expect(values).toEqual([{ kind: "metaData", tag: "meta_data_tag", step: 0, timestampMs: expect.any(Number), displayName: "" }]);
    // Same bytes as hp_run9 (a real VisualDL file) apart from the 6-byte timestamp varint.
    const bytes = await readFile(w.file);
    expect(bytes.length).toBe(34);
    expect([...bytes.subarray(0, 26)]).toEqual([0x1a, 0, 0, 0, 0, 0, 0, 0, 0x0a, 0x18, 0x12, 0x0d, ...Buffer.from("meta_data_tag"), 0x18]);
    expect([...bytes.subarray(32)]).toEqual([0x52, 0x00]);
  });

  it("refuses to clobber an existing file", async () => {
    await (await createLogWriter(dir, { timestamp: 42 })).close();
    await expect(createLogWriter(dir, { timestamp: 42 })).rejects.toThrow(/EEXIST/);
  });

  it("round-trips every record kind", async () => {
    const w = await createLogWriter(dir, { timestamp: 1_700_000_000, displayName: "run A" });
    w.addScalar("train/loss", 0.1, 1, T);
    w.addScalar("train/loss", 0, 2, T + 1); // oneof member: a zero must still be written and read back
    w.addScalar("train/loss", Number.NaN, 3, T + 2);
    w.addScalars("lr", { backbone: 0.5, head: 0 }, 4, T + 3);
    w.addText("sample", "识别结果: 你好\tworld", 5, T + 4);
    w.addImage("input/0", PNG, 6, T + 5);
    w.addHistogram("weights", [1, 2, 2, 3, 3, 3, 10], 7, { buckets: 3, walltimeMs: T + 6 });
    w.addHistogram("bins", { hist: [1, 2], binEdges: [0, 0.5, 1] }, 8, { walltimeMs: T + 7 });
    w.addPrCurve("pr", [1, 0, 1, 1, 0], [0.9, 0.8, 0.3, 0.6, 0.1], 9, { numThresholds: 5, walltimeMs: T + 8 });
    w.addRocCurve("roc", [true, false, true, false], [0.9, 0.8, 0.3, 0.2], 10, { numThresholds: 3, walltimeMs: T + 9 });
    w.addHparams({ lr: 0.001, batch: 64, opt: "Adam", amp: true, skipped: null }, ["hmean", "acc"], T + 10);
    w.addEmbeddings("emb", [[0.1, 0.2], [0.3, -1e-3]], [["a", "b"], ["x", "y"]], { walltimeMs: T + 11 });
    w.addAudio("audio", { bytes: Uint8Array.from([82, 73, 70, 70]), sampleRate: 8000.5, lengthFrames: 2 }, 12, T + 12);
    w.addMeta("renamed", { walltimeMs: T + 13 });
    await w.close();

    const { values } = await readLogFile(w.file);
    const pr = computePrCurve([1, 0, 1, 1, 0], [0.9, 0.8, 0.3, 0.6, 0.1], 5);
    const roc = computeRocCurve([true, false, true, false], [0.9, 0.8, 0.3, 0.2], 3);
    const expected: VdlValue[] = [
      { kind: "metaData", tag: "meta_data_tag", step: 0, timestampMs: expect.any(Number) as unknown as number, displayName: "run A" },
      { kind: "scalar", tag: "train/loss", step: 1, timestampMs: T, value: Math.fround(0.1) },
      { kind: "scalar", tag: "train/loss", step: 2, timestampMs: T + 1, value: 0 },
      { kind: "scalar", tag: "train/loss", step: 3, timestampMs: T + 2, value: Number.NaN },
      { kind: "scalar", tag: "lr", step: 4, timestampMs: T + 3, value: 0.5, subTag: "backbone" },
      { kind: "scalar", tag: "lr", step: 4, timestampMs: T + 3, value: 0, subTag: "head" },
      { kind: "text", tag: "sample", step: 5, timestampMs: T + 4, text: "识别结果: 你好\tworld" },
      { kind: "image", tag: "input/0", step: 6, timestampMs: T + 5, encodedImage: PNG },
      { kind: "histogram", tag: "weights", step: 7, timestampMs: T + 6, hist: [6, 0, 1], binEdges: [1, 4, 7, 10] },
      { kind: "histogram", tag: "bins", step: 8, timestampMs: T + 7, hist: [1, 2], binEdges: [0, 0.5, 1] },
      { kind: "prCurve", tag: "pr", step: 9, timestampMs: T + 8, ...pr },
      { kind: "rocCurve", tag: "roc", step: 10, timestampMs: T + 9, ...roc },
      {
        kind: "hparams", tag: "hparam", step: 1, timestampMs: T + 10,
        name: createHash("md5").update(w.file).digest("hex"),
        hparams: [
          { name: "lr", type: "float", value: 0.001 },
          { name: "batch", type: "int", value: 64 },
          { name: "opt", type: "string", value: "Adam" },
          { name: "amp", type: "int", value: 1 },
        ],
        metrics: [
          { name: "hmean", type: "float", value: 0 },
          { name: "acc", type: "float", value: 0 },
        ],
      },
      {
        kind: "embeddings", tag: "emb", step: 0, timestampMs: T + 11, labelMeta: ["label_0", "label_1"],
        embeddings: [
          { labels: ["a", "x"], vector: [Math.fround(0.1), Math.fround(0.2)] },
          { labels: ["b", "y"], vector: [Math.fround(0.3), Math.fround(-1e-3)] },
        ],
      },
      {
        kind: "audio", tag: "audio", step: 12, timestampMs: T + 12, sampleRate: 8000.5, numChannels: 1, lengthFrames: 2,
        encodedAudio: Uint8Array.from([82, 73, 70, 70]), contentType: "audio/wav",
      },
      { kind: "metaData", tag: "meta_data_tag", step: 0, timestampMs: T + 13, displayName: "renamed" },
    ];
    expect(values).toEqual(expected);
  });

  it("copies decoded values verbatim with addValue", async () => {
    const w = await createLogWriter(dir, { timestamp: 1 });
    const v: VdlValue = { kind: "empty", tag: "nothing", step: -5, timestampMs: T };
    w.addValue(v);
    await w.flush();
    expect((await readLogFile(w.file)).values.at(-1)).toEqual(v);
    await w.close();
    expect(() => w.addScalar("x", 1, 1)).toThrow(/closed/);
  });

  it("rejects tags VisualDL refuses", async () => {
    const w = await createLogWriter(dir, { timestamp: 2 });
    expect(() => w.addScalar("100%", 1, 1)).toThrow(/%/);
    await w.close();
  });
});

describe("curve and histogram computation (VisualDL's numpy code)", () => {
  it("bins like numpy.histogram, last bin closed, degenerate range widened", () => {
    expect(computeHistogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 10)).toEqual({
      hist: [1, 1, 1, 1, 1, 1, 1, 1, 1, 2],
      binEdges: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    });
    expect(computeHistogram([5, 5], 2)).toEqual({ hist: [0, 2], binEdges: [4.5, 5, 5.5] });
  });

  it("computes the PR curve per threshold bucket", () => {
    // n=5 thresholds: buckets floor(p*4) = [3, 3, 1, 2, 0]
    const c = computePrCurve([1, 0, 1, 1, 0], [0.9, 0.8, 0.3, 0.6, 0.1], 5);
    expect(c.tp).toEqual([3, 3, 2, 1, 0]);
    expect(c.fp).toEqual([2, 1, 1, 1, 0]);
    expect(c.tn).toEqual([0, 1, 1, 1, 2]);
    expect(c.fn).toEqual([0, 0, 1, 2, 3]);
    expect(c.precision).toEqual([3 / 5, 3 / 4, 2 / 3, 1 / 2, 0]);
    expect(c.recall).toEqual([1, 1, 2 / 3, 1 / 3, 0]);
  });

  it("stores the true positive rate in ROC curves", () => {
    const c = computeRocCurve([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.2], 3);
    // buckets floor(p*2) = [1, 1, 0, 0]
    expect(c.tp).toEqual([2, 1, 0]);
    expect(c.tpr).toEqual([1, 0.5, 0]);
    expect(c.fpr).toEqual([1, 0.5, 0]);
  });
});
