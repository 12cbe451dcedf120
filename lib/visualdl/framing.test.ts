import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { encodeFramedValue, frameRecord, HEADER_BYTES, splitRecords, VdlFormatError } from "./framing";
import { readLogFile } from "./reader";
import { RecordType, valueFromRaw, type RawRecord, type VdlValue } from "./schema";

const v = (step: number): VdlValue => ({ kind: "scalar", tag: "loss", step, timestampMs: 1, value: step });
const lengthHeader = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
};

describe("splitRecords", () => {
  it("starts at the given offset and stops before a partial record", () => {
    const a = encodeFramedValue(v(1));
    const b = encodeFramedValue(v(2));
    const buf = Buffer.concat([a, b, b.subarray(0, b.length - 1)]);
    const r = splitRecords(buf, a.length);
    expect(r.values).toEqual([v(2)]);
    expect(r.nextOffset).toBe(a.length + b.length);
    expect(r.records).toBe(1);
  });

  it("accepts an empty Record (length 0)", () => {
    expect(splitRecords(frameRecord(new Uint8Array(0)))).toEqual({ values: [], nextOffset: 8, records: 1 });
  });

  it("rejects an absurd length with the file offset in the message", () => {
    const good = encodeFramedValue(v(1));
    const buf = Buffer.concat([good, lengthHeader(0x4000_0000_0000_0000n), Buffer.alloc(32)]);
    let err: unknown;
    try {
      splitRecords(buf, 0, { baseOffset: 1000, source: "vdlrecords.1.log" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VdlFormatError);
    expect((err as VdlFormatError).offset).toBe(1000 + good.length);
    expect((err as Error).message).toMatch(
      new RegExp(`vdlrecords\\.1\\.log: record length 4611686018427387904 at byte offset ${1000 + good.length} exceeds`),
    );
    expect(() => splitRecords(lengthHeader(5000n), 0, { maxRecordBytes: 4096 })).toThrow(/record length 5000 at byte offset 0/);
  });

  it("rejects a body that is not a protobuf Record", () => {
    const junk = Buffer.alloc(6, 0xff);
    expect(() => splitRecords(Buffer.concat([lengthHeader(6n), junk]))).toThrow(/at byte offset 0 is not a valid protobuf Record/);
  });
});

describe("scalar fast path", () => {
  // Reference decoding: protobufjs' generic decoder, record by record.
  const generic = (buf: Uint8Array) => {
    const out: VdlValue[] = [];
    for (let p = 0; p < buf.length; ) {
      const len = Number(Buffer.from(buf.buffer, buf.byteOffset + p, 8).readBigUInt64LE());
      const rec = RecordType.decode(buf.subarray(p + HEADER_BYTES, p + HEADER_BYTES + len)) as unknown as RawRecord;
      out.push(...(rec.values ?? []).map(valueFromRaw));
      p += HEADER_BYTES + len;
    }
    return out;
  };

  it("decodes exactly like protobufjs, including the cases it hands over", () => {
    const values: VdlValue[] = [];
    for (let i = 0; i < 100; i++) {
      // 40 distinct tags overflow the 32-entry tag cache; the non-ASCII ones test UTF-8.
      const tag = i % 3 === 0 ? `训练/损失${i % 40}` : `train/t${i % 40}`;
      values.push({ kind: "scalar", tag, step: i * 997, timestampMs: 1_700_000_000_000 + i, value: Math.fround(Math.sin(i) * 1e3) });
    }
    values.push(
      { kind: "scalar", tag: "neg", step: -3, timestampMs: 1, value: 1 }, // 10-byte varint
      { kind: "scalar", tag: "big", step: 2 ** 50 + 2, timestampMs: 2 ** 52, value: 2 }, // > 49 bits
      { kind: "scalar", tag: "", step: 0, timestampMs: 0, value: 0 },
      { kind: "scalar", tag: "nan", step: 1, timestampMs: 1, value: Number.NaN },
      { kind: "scalar", tag: "inf", step: 1, timestampMs: 1, value: Number.NEGATIVE_INFINITY },
      { kind: "scalar", tag: "lr", step: 4, timestampMs: 5, value: 0.5, subTag: "head" },
      { kind: "scalar", tag: "lr", step: 4, timestampMs: 5, value: 0, subTag: "" },
      { kind: "text", tag: "lr", step: 4, timestampMs: 5, text: "between scalars" },
    );
    const buf = Buffer.concat(values.map((x) => encodeFramedValue(x)));
    const decoded = splitRecords(buf).values;
    expect(decoded).toEqual(generic(buf));
    expect(decoded).toEqual(values);
  });

  it("handles fields out of order and leaves repeated fields (last one wins) to protobufjs", () => {
    const value = (fields: number[]) => frameRecord(Uint8Array.from([0x0a, fields.length, ...fields]));
    const f = [...Buffer.from(new Float32Array([1.5]).buffer)];
    const buf = Buffer.concat([
      value([0x25, ...f, 0x12, 1, 0x62, 0x08, 5]), // value, tag "b", id 5
      value([0x12, 1, 0x61, 0x12, 1, 0x62, 0x25, ...f]), // tag "a" then tag "b"
      value([0x08, 1, 0x12, 1, 0x61]), // no one_value member
    ]);
    const decoded = splitRecords(buf).values;
    expect(decoded).toEqual(generic(buf));
    expect(decoded.map((v) => [v.kind, v.tag, v.step])).toEqual([
      ["scalar", "b", 5],
      ["scalar", "b", 0],
      ["empty", "a", 1],
    ]);
  });
});

describe("readLogFile on a corrupt file", () => {
  it("fails fast with the offset instead of hanging or allocating the bogus length", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "vdl-corrupt-"));
    try {
      const good = Buffer.concat([encodeFramedValue(v(1)), encodeFramedValue(v(2))]);
      const file = path.join(dir, "vdlrecords.1700000000.log");
      await writeFile(file, Buffer.concat([good, lengthHeader(0xffff_ffff_ffff_ffffn), Buffer.alloc(100, 7)]));
      const started = Date.now();
      await expect(readLogFile(file, { chunkBytes: 16 })).rejects.toThrow(
        `Corrupt VisualDL log vdlrecords.1700000000.log: record length 18446744073709551615 at byte offset ${good.length}`,
      );
      expect(Date.now() - started).toBeLessThan(2000);
      // Reading up to the damage still works for a caller that wants the good prefix.
      await writeFile(file, Buffer.concat([good, lengthHeader(100n)]));
      expect((await readLogFile(file)).nextOffset).toBe(good.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
