import protobuf from "protobufjs";
import { RecordType, encodeRecord, valueFromRaw, type RawRecord, type VdlScalar, type VdlValue } from "./schema";

/** Bytes of the little-endian uint64 length that precedes every serialized Record. */
export const HEADER_BYTES = 8;

/**
 * Largest record accepted before the length is declared corrupt. Real records are a few bytes (scalars)
 * to a few MB (images, embeddings); a garbage length is usually astronomically large, and without a
 * bound a tailing reader would wait forever for bytes that will never come.
 */
export const DEFAULT_MAX_RECORD_BYTES = 256 * 1024 * 1024;

export class VdlFormatError extends Error {
  constructor(
    message: string,
    /** Absolute file offset of the record header at fault. */
    readonly offset: number,
    readonly source?: string,
  ) {
    super(message);
    this.name = "VdlFormatError";
  }
}

export interface SplitOptions {
  /** File offset of `buf[0]`, so errors name the position in the file rather than in a window. */
  baseOffset?: number;
  /** File name for error messages. */
  source?: string;
  maxRecordBytes?: number;
}

export interface SplitResult {
  values: VdlValue[];
  /** Index in `buf` just after the last complete record (== start when none was complete). */
  nextOffset: number;
  /** Complete records consumed. */
  records: number;
}

/**
 * Length of the record whose header starts at `pos`, or -1 if the header itself is incomplete.
 * Throws on a length no writer could have produced.
 */
export function readRecordLength(buf: Uint8Array, pos: number, opts: SplitOptions = {}): number {
  if (buf.length - pos < HEADER_BYTES) return -1;
  const lo = (buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16)) + buf[pos + 3]! * 0x1000000;
  const hi = (buf[pos + 4]! | (buf[pos + 5]! << 8) | (buf[pos + 6]! << 16)) + buf[pos + 7]! * 0x1000000;
  const max = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  if (hi !== 0 || lo > max) {
    const at = (opts.baseOffset ?? 0) + pos;
    const len = BigInt(hi) * 0x100000000n + BigInt(lo);
    throw new VdlFormatError(
      `Corrupt VisualDL log${opts.source ? ` ${opts.source}` : ""}: record length ${len} at byte offset ${at} ` +
        `exceeds the ${max}-byte limit (not a VisualDL record, or the file is damaged)`,
      at,
      opts.source,
    );
  }
  return lo;
}

/**
 * Decodes every complete record of `buf` from `start` on. A trailing partial record (a file still being
 * written) is not an error: `nextOffset` stops before it so the next read resumes there.
 */
export function splitRecords(buf: Uint8Array, start = 0, opts: SplitOptions = {}): SplitResult {
  const values: VdlValue[] = [];
  // One reader over the whole buffer: decoding through it avoids a subarray per record.
  const reader = protobuf.Reader.create(buf);
  const fast = new ScalarFastPath(buf);
  let pos = start;
  let records = 0;
  for (;;) {
    const len = readRecordLength(buf, pos, opts);
    if (len < 0 || buf.length - pos - HEADER_BYTES < len) break;
    const bodyStart = pos + HEADER_BYTES;
    if (fast.decode(buf, bodyStart, bodyStart + len, values)) {
      pos = bodyStart + len;
      records++;
      continue;
    }
    let rec: RawRecord;
    try {
      reader.pos = bodyStart;
      rec = RecordType.decode(reader, len) as unknown as RawRecord;
      if (reader.pos !== bodyStart + len) throw new Error(`decoder stopped at ${reader.pos - bodyStart} of ${len} bytes`);
    } catch (err) {
      const at = (opts.baseOffset ?? 0) + pos;
      throw new VdlFormatError(
        `Corrupt VisualDL log${opts.source ? ` ${opts.source}` : ""}: record of ${len} bytes at byte offset ${at} ` +
          `is not a valid protobuf Record (${(err as Error).message})`,
        at,
        opts.source,
      );
    }
    const raw = rec.values;
    if (raw) for (let i = 0; i < raw.length; i++) values.push(valueFromRaw(raw[i]!));
    pos = bodyStart + len;
    records++;
  }
  return { values, nextOffset: pos, records };
}

/**
 * Decoder for the records that make up nearly all of a training log: one scalar Value (`value` or
 * `tag_value`). protobufjs' generic path allocates a message object per Record and per Value plus a Long
 * per int64 and decodes each tag string anew; on a 200 MB log that is several times slower. Anything
 * else (another kind, an unknown or repeated field, a negative or huge int64) makes `decode` return false
 * without side effects, and the caller uses protobufjs.
 */
class ScalarFastPath {
  private readonly view: DataView;
  private readonly text: Buffer;
  // Tags repeat on every record; compare bytes against the few seen before instead of decoding UTF-8.
  private readonly tagBytes: Uint8Array[] = [];
  private readonly tagStrings: string[] = [];
  private nextSlot = 0;
  private p = 0;
  private end = 0;
  private ok = true;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  decode(buf: Uint8Array, start: number, end: number, out: VdlValue[]): boolean {
    this.p = start;
    this.end = end;
    this.ok = true;
    const before = out.length;
    while (this.p < end) {
      if (buf[this.p] !== 0x0a) return this.fail(out, before); // Record.values (field 1, length-delimited)
      this.p++;
      const vlen = this.varint();
      const vend = this.p + vlen;
      if (!this.ok || vend > end) return this.fail(out, before);
      const v = this.value(vend);
      if (!v) return this.fail(out, before);
      out.push(v);
    }
    return true;
  }

  private fail(out: VdlValue[], before: number): false {
    out.length = before;
    return false;
  }

  private value(vend: number): VdlScalar | null {
    const b = this.buf;
    let step = 0;
    let tag = "";
    let timestampMs = 0;
    let value = 0;
    let subTag: string | undefined;
    let seen = 0; // bit per field number, to leave repeated fields (last-one-wins) to protobufjs
    while (this.p < vend) {
      const key = b[this.p++]!;
      const bit = 1 << (key >>> 3);
      if (seen & bit) return null;
      seen |= bit;
      switch (key) {
        case 0x08: // id
          step = this.varint();
          break;
        case 0x12: // tag
          tag = this.string(vend);
          break;
        case 0x18: // timestamp
          timestampMs = this.varint();
          break;
        case 0x25: // value (float)
          if (this.p + 4 > vend) return null;
          value = this.view.getFloat32(this.p, true);
          this.p += 4;
          break;
        case 0x72: {
          // tag_value { string tag = 1; float value = 2; }
          const len = this.varint();
          const tvEnd = this.p + len;
          if (!this.ok || tvEnd > vend) return null;
          subTag = "";
          let tvSeen = 0;
          while (this.p < tvEnd) {
            const k = b[this.p++]!;
            if (tvSeen & (1 << (k >>> 3))) return null;
            tvSeen |= 1 << (k >>> 3);
            if (k === 0x0a) subTag = this.string(tvEnd);
            else if (k === 0x15 && this.p + 4 <= tvEnd) {
              value = this.view.getFloat32(this.p, true);
              this.p += 4;
            } else return null;
          }
          break;
        }
        default:
          return null;
      }
      if (!this.ok || this.p > vend) return null;
    }
    // Both oneof members set, or neither: not a plain scalar.
    if (((seen >>> 4) & 1) === ((seen >>> 14) & 1)) return null;
    return subTag === undefined
      ? { kind: "scalar", tag, step, timestampMs, value }
      : { kind: "scalar", tag, step, timestampMs, value, subTag };
  }

  // Non-negative varints up to 49 bits (steps, millisecond timestamps); anything longer bails out.
  private varint(): number {
    const b = this.buf;
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 7; i++) {
      if (this.p >= this.end) break;
      const byte = b[this.p++]!;
      result += (byte & 0x7f) * mul;
      if (byte < 0x80) return result;
      mul *= 128;
    }
    this.ok = false;
    return 0;
  }

  private string(limit: number): string {
    const len = this.varint();
    const s = this.p;
    const e = s + len;
    if (!this.ok || e > limit) {
      this.ok = false;
      return "";
    }
    this.p = e;
    const b = this.buf;
    const known = this.tagBytes;
    outer: for (let i = 0; i < known.length; i++) {
      const k = known[i]!;
      if (k.length !== len) continue;
      for (let j = 0; j < len; j++) if (k[j] !== b[s + j]) continue outer;
      return this.tagStrings[i]!;
    }
    const str = this.text.toString("utf8", s, e);
    if (len <= 256) {
      const slot = this.nextSlot;
      this.nextSlot = (slot + 1) % 32;
      known[slot] = b.slice(s, e);
      this.tagStrings[slot] = str;
    }
    return str;
  }
}

/** Length header + payload, as `RecordWriter.write` lays it out (no CRC). */
export function frameRecord(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + payload.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(payload.length), true);
  out.set(payload, HEADER_BYTES);
  return out;
}

/** One framed record holding one value, exactly what VisualDL appends per `add_*` call. */
export function encodeFramedValue(value: VdlValue): Uint8Array {
  return frameRecord(encodeRecord([value]));
}
