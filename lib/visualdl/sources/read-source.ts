import type { VisualDlSource } from "@/lib/providers/training";
import { DEFAULT_MAX_RECORD_BYTES, HEADER_BYTES, readRecordLength, splitRecords } from "../framing";
import type { LogCursor } from "../reader";
import type { VdlValue } from "../schema";

const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

/** VisualDL names files `vdlrecords.<unix seconds>.log…`: name order is creation order. */
export function isLogFileName(name: string): boolean {
  return name.includes("vdlrecords");
}

/**
 * Reads what was appended to a run's log files since `cursor`, from any source (a local directory, an
 * S3 prefix, a pod's volume). Reads window by window so a large file never sits in memory whole, and
 * stops before a half-written last record, which the next call picks up once it is complete.
 */
export async function readSourceSince(
  source: VisualDlSource,
  cursor: LogCursor = [],
  onValues: (values: VdlValue[]) => void,
  { chunkBytes = DEFAULT_CHUNK_BYTES, maxRecordBytes = DEFAULT_MAX_RECORD_BYTES }: { chunkBytes?: number; maxRecordBytes?: number } = {},
): Promise<{ cursor: LogCursor; bytesRead: number }> {
  const known = new Map(cursor.map((c) => [c.file, c.offset]));
  const files = (await source.list()).filter((f) => isLogFileName(f.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const next: LogCursor = [];
  let bytesRead = 0;
  for (const file of files) {
    let offset = known.get(file.name) ?? 0;
    // Shorter than where we stopped: the file was rewritten under the same name, start it over.
    if (file.size < offset) offset = 0;
    let carry: Uint8Array = new Uint8Array(0);
    let carryStart = offset;
    let readAt = offset;
    while (readAt < file.size) {
      let want = chunkBytes;
      if (carry.length >= HEADER_BYTES) {
        const len = readRecordLength(carry, 0, { baseOffset: carryStart, source: file.name, maxRecordBytes });
        if (len >= 0) want = Math.max(want, HEADER_BYTES + len - carry.length);
      }
      const chunk = await source.read(file.name, readAt, Math.min(want, file.size - readAt));
      if (chunk.length === 0) break;
      bytesRead += chunk.length;
      readAt += chunk.length;
      const window = carry.length ? concat(carry, chunk) : chunk;
      const { values, nextOffset } = splitRecords(window, 0, { baseOffset: carryStart, source: file.name, maxRecordBytes });
      if (values.length) onValues(values);
      carry = window.subarray(nextOffset);
      carryStart += nextOffset;
    }
    next.push({ file: file.name, offset: carryStart });
  }
  return { cursor: next, bytesRead };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
