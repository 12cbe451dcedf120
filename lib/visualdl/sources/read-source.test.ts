import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { useTestObjectStore } from "@/test/support/object-store";
import type { VdlScalar, VdlValue } from "../schema";
import { createLogWriter } from "../writer";
import { localDirectorySource } from "./local-directory";
import { readSourceSince } from "./read-source";
import { s3PrefixSource } from "./s3-prefix";

const scalars = (values: VdlValue[]) => values.filter((v): v is VdlScalar => v.kind === "scalar").map((v) => [v.tag, v.step, Math.round(v.value * 1000) / 1000]);

async function writeLog(dir: string, timestamp: number, points: Array<[string, number, number]>) {
  const writer = await createLogWriter(dir, { timestamp });
  for (const [tag, step, value] of points) writer.addScalar(tag, value, step, timestamp * 1000 + step);
  await writer.close();
  return writer.file;
}

describe("reading VisualDL logs incrementally from any source", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "vdl-source-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("reads files oldest first, then only what was appended, and waits for a half-written record", async () => {
    const runDir = path.join(dir, "run");
    const first = await writeLog(runDir, 1_700_000_000, [["train/loss", 1, 2.5], ["train/loss", 2, 2.0]]);
    const scratch = path.join(dir, "scratch");
    const second = await writeLog(scratch, 1_700_000_100, [["train/loss", 3, 1.5], ["eval/hmean", 3, 0.5]]);
    const secondBytes = await readFile(second);
    // A training restart: a second file appears, and it is still being written (cut mid-record).
    const restartFile = path.join(runDir, path.basename(second));
    await writeFile(restartFile, secondBytes.subarray(0, secondBytes.length - 5));

    const source = localDirectorySource(runDir);
    const seen: VdlValue[] = [];
    const firstRead = await readSourceSince(source, [], (v) => seen.push(...v), { chunkBytes: 16 });
    expect(scalars(seen)).toEqual([["train/loss", 1, 2.5], ["train/loss", 2, 2], ["train/loss", 3, 1.5]]);
    expect(firstRead.cursor.map((c) => c.file)).toEqual([path.basename(first), path.basename(second)]);

    await appendFile(restartFile, secondBytes.subarray(secondBytes.length - 5));
    const later: VdlValue[] = [];
    const secondRead = await readSourceSince(source, firstRead.cursor, (v) => later.push(...v));
    expect(scalars(later)).toEqual([["eval/hmean", 3, 0.5]]);
    expect(secondRead.bytesRead).toBeLessThan(secondBytes.length);

    const nothing: VdlValue[] = [];
    await readSourceSince(source, secondRead.cursor, (v) => nothing.push(...v));
    expect(nothing).toEqual([]);
  });

  it("reads a log directory uploaded to the S3 store with ranged reads", async () => {
    useTestObjectStore();
    const local = path.join(dir, "upload");
    const file = await writeLog(local, 1_700_000_200, Array.from({ length: 300 }, (_, i) => ["train/acc", i, i / 300] as [string, number, number]));
    const client = objectStoreClient();
    const bucket = process.env.S3_BUCKET!;
    const prefix = `runs/vdl-${Date.now()}/vdl`;
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/${path.basename(file)}`, Body: await readFile(file) }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/other-run/vdlrecords.1.log`, Body: "not this run" }));

    const seen: VdlValue[] = [];
    await readSourceSince(s3PrefixSource(client, bucket, prefix), [], (v) => seen.push(...v), { chunkBytes: 1000 });
    const read = scalars(seen);
    expect(read).toHaveLength(300);
    expect(read[299]).toEqual(["train/acc", 299, 0.997]);
  });
});
