import { appendFile, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeFramedValue } from "./framing";
import { listLogFiles, readLogDirectory, readLogFile, readRecordBatches, readRecords } from "./reader";
import type { VdlScalar, VdlValue } from "./schema";
import { createLogWriter } from "./writer";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "vdl-reader-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const scalar = (step: number, value = step / 2, tag = "train/loss"): VdlScalar => ({ kind: "scalar", tag, step, timestampMs: 1_700_000_000_000 + step, value });
const scalars = (values: VdlValue[]) => values.filter((v) => v.kind === "scalar").map((v) => [v.tag, v.step]);

describe("readLogFile tailing a file being written", () => {
  it("returns only new complete records, and a half-written one once it is complete", async () => {
    const w = await createLogWriter(dir, { timestamp: 1_700_000_000 });
    for (let s = 1; s <= 3; s++) w.addScalar("train/loss", s, s);
    await w.flush();

    const first = await readLogFile(w.file);
    expect(scalars(first.values)).toEqual([["train/loss", 1], ["train/loss", 2], ["train/loss", 3]]);
    expect(first.nextOffset).toBe((await stat(w.file)).size);
    await w.close();

    // Two complete records and the first 13 bytes of a third (header + part of the body).
    const third = encodeFramedValue(scalar(6));
    await appendFile(w.file, Buffer.concat([encodeFramedValue(scalar(4)), encodeFramedValue(scalar(5)), third.subarray(0, 13)]));
    const second = await readLogFile(w.file, { fromOffset: first.nextOffset });
    expect(scalars(second.values)).toEqual([["train/loss", 4], ["train/loss", 5]]);
    expect(second.nextOffset).toBe((await stat(w.file)).size - 13);

    // Nothing new yet: same offset back, no values, no error.
    expect(await readLogFile(w.file, { fromOffset: second.nextOffset })).toEqual({ values: [], nextOffset: second.nextOffset });

    // Only 5 bytes of the header so far is also just "not yet".
    const partialHeader = path.join(dir, "vdlrecords.1700000001.log");
    await writeFile(partialHeader, third.subarray(0, 5));
    expect(await readLogFile(partialHeader)).toEqual({ values: [], nextOffset: 0 });

    await appendFile(w.file, third.subarray(13));
    const rest = await readLogFile(w.file, { fromOffset: second.nextOffset });
    expect(rest.values).toEqual([scalar(6)]);
    expect(rest.nextOffset).toBe((await stat(w.file)).size);
  });

  it("streams across windows smaller than a record, via readRecords and readRecordBatches", async () => {
    const w = await createLogWriter(dir, { timestamp: 1_700_000_000 });
    const text = "x".repeat(5000); // one record several times the window
    for (let s = 0; s < 200; s++) w.addScalar("a", s, s, 1);
    w.addText("long", text, 200, 1);
    for (let s = 201; s < 300; s++) w.addScalar("a", s, s, 1);
    await w.close();

    const seen: VdlValue[] = [];
    for await (const v of readRecords(w.file, { chunkBytes: 64 })) seen.push(v);
    expect(seen).toHaveLength(301);
    expect(seen.filter((v) => v.kind === "scalar").map((v) => v.step)).toEqual([...Array(300).keys()].filter((s) => s !== 200));
    expect(seen.find((v) => v.kind === "text")).toMatchObject({ step: 200, text });

    const offsets: number[] = [];
    for await (const b of readRecordBatches(w.file, { chunkBytes: 1024 })) offsets.push(b.nextOffset);
    expect(offsets.length).toBeGreaterThan(5);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(offsets.at(-1)).toBe((await stat(w.file)).size);
  });
});

describe("readLogDirectory", () => {
  it("reads a restarted run's files in order, then only what is new, including a new file", async () => {
    // Written out of order on purpose: the older file must still come first.
    const later = await createLogWriter(dir, { timestamp: 1_700_000_500 });
    later.addScalar("train/loss", 0.5, 101);
    await later.flush();
    const earlier = await createLogWriter(dir, { timestamp: 1_700_000_000 });
    earlier.addScalar("train/loss", 1, 1);
    earlier.addScalar("train/loss", 0.9, 2);
    await earlier.close();
    await mkdir(path.join(dir, "other-run")); // a sub-directory is another run
    await writeFile(path.join(dir, "notes.txt"), "not a log");

    expect(await listLogFiles(dir)).toEqual(["vdlrecords.1700000000.log", "vdlrecords.1700000500.log"]);
    const a = await readLogDirectory(dir);
    expect(scalars(a.values)).toEqual([["train/loss", 1], ["train/loss", 2], ["train/loss", 101]]);
    expect(a.cursor.map((c) => c.file)).toEqual(["vdlrecords.1700000000.log", "vdlrecords.1700000500.log"]);

    // Unchanged directory: nothing.
    const b = await readLogDirectory(dir, a.cursor);
    expect(b.values).toEqual([]);
    expect(b.cursor).toEqual(a.cursor);

    // The second run writes more, then the job restarts again (third file).
    later.addScalar("train/loss", 0.4, 102);
    await later.close();
    const third = await createLogWriter(dir, { timestamp: 1_700_001_000 });
    third.addScalar("train/loss", 0.3, 201);
    await third.close();
    const c = await readLogDirectory(dir, b.cursor);
    expect(c.values.map((v) => [v.kind, v.step])).toEqual([
      ["scalar", 102],
      ["metaData", 0],
      ["scalar", 201],
    ]);
    expect(c.cursor).toHaveLength(3);
    expect((await readLogDirectory(dir, c.cursor)).values).toEqual([]);
  });

  it("treats a missing directory as a run that has not logged yet", async () => {
    expect(await readLogDirectory(path.join(dir, "nope"))).toEqual({ values: [], cursor: [] });
  });
});
