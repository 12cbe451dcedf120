import { open } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_MAX_RECORD_BYTES, HEADER_BYTES, readRecordLength, splitRecords } from "./framing";
import type { VdlValue } from "./schema";
import { localDirectorySource } from "./sources/local-directory";
import { isLogFileName, readSourceSince } from "./sources/read-source";

export interface ReadOptions {
  /** File offset to start at: 0, or a `nextOffset` returned by an earlier read. */
  fromOffset?: number;
  /** Bytes read from disk per window. Records larger than this still decode (the window grows). */
  chunkBytes?: number;
  maxRecordBytes?: number;
}

export interface RecordBatch {
  values: VdlValue[];
  /** File offset just after the last complete record of this batch: a safe resume point. */
  nextOffset: number;
}

export interface ReadResult {
  values: VdlValue[];
  /** File offset after the last complete record; a half-written record at the end starts here. */
  nextOffset: number;
}

const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Reads `file` window by window from `fromOffset`, yielding the values of the complete records of each
 * window. Memory stays at about one window (or one record, if a record is larger) however big the file.
 * Stops at end of file; a trailing partial record is left for the next call.
 */
export async function* readRecordBatches(file: string, opts: ReadOptions = {}): AsyncGenerator<RecordBatch> {
  const chunk = Math.max(HEADER_BYTES, opts.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  const maxRecordBytes = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const source = path.basename(file);
  const fh = await open(file, "r");
  try {
    let buf = Buffer.allocUnsafe(chunk);
    let filled = 0; // bytes of buf holding file data
    let bufOffset = opts.fromOffset ?? 0; // file offset of buf[0]
    for (;;) {
      // Make room: a record that doesn't fit the window forces the window up to its size.
      let want = chunk;
      const len = filled >= HEADER_BYTES ? readRecordLength(buf, 0, { baseOffset: bufOffset, source, maxRecordBytes }) : -1;
      if (len >= 0) want = Math.max(want, HEADER_BYTES + len);
      if (buf.length < want) {
        const bigger = Buffer.allocUnsafe(want);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const { bytesRead } = await fh.read(buf, filled, buf.length - filled, bufOffset + filled);
      if (bytesRead === 0) return;
      filled += bytesRead;

      const window = buf.subarray(0, filled);
      const { values, nextOffset } = splitRecords(window, 0, { baseOffset: bufOffset, source, maxRecordBytes });
      // Carry the incomplete tail to the front for the next window.
      buf.copy(buf, 0, nextOffset, filled);
      filled -= nextOffset;
      bufOffset += nextOffset;
      if (values.length > 0 || nextOffset > 0) yield { values, nextOffset: bufOffset };
    }
  } finally {
    await fh.close();
  }
}

/** Every value of `file` from `fromOffset`, one at a time, for files too large to hold decoded at once. */
export async function* readRecords(file: string, opts: ReadOptions = {}): AsyncGenerator<VdlValue> {
  for await (const batch of readRecordBatches(file, opts)) yield* batch.values;
}

/** All values of `file` from `fromOffset`, and where to resume when the file has grown. */
export async function readLogFile(file: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const values: VdlValue[] = [];
  let nextOffset = opts.fromOffset ?? 0;
  for await (const batch of readRecordBatches(file, opts)) {
    for (const v of batch.values) values.push(v);
    nextOffset = batch.nextOffset;
  }
  return { values, nextOffset };
}

/**
 * Names of the VisualDL log files of a run directory, oldest first. VisualDL names files
 * `vdlrecords.<10-digit unix seconds>.log<suffix>`, so name order is creation order. Sub-directories are
 * other runs and are not descended into. A missing directory is a run that has not logged yet: [].
 */
export async function listLogFiles(dir: string): Promise<string[]> {
  return (await localDirectorySource(dir).list())
    .map((file) => file.name)
    .filter(isLogFileName)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Where reading stopped in each file of a run directory (file = name inside the directory). */
export type LogCursor = { file: string; offset: number }[];

export interface DirectoryReadResult {
  /** New values, file by file in name order, each file's in write order. */
  values: VdlValue[];
  /** Pass back to read only what was appended since. */
  cursor: LogCursor;
}

/**
 * Reads a run directory: all files in order the first time, then, given the returned cursor, only the
 * records completed since (appended to known files, or in new files, e.g. after a training restart).
 * The same incremental reader as for any other source (an S3 prefix, a pod's volume).
 */
export async function readLogDirectory(
  dir: string,
  cursor: LogCursor = [],
  opts: Omit<ReadOptions, "fromOffset"> = {},
): Promise<DirectoryReadResult> {
  const values: VdlValue[] = [];
  const read = await readSourceSince(localDirectorySource(dir), cursor, (batch) => values.push(...batch), opts);
  return { values, cursor: read.cursor };
}
