import type { VisualDlSource } from "@/lib/providers/training";
import type { LogCursor } from "../reader";
import type { VdlValue } from "../schema";
import { readSourceSince } from "../sources/read-source";

/** One scalar tag's whole series, in columns (1,000,000 points stay ~24 MB). */
export interface ScalarSeries {
  tag: string;
  steps: number[];
  wallMs: number[];
  values: number[];
}

export interface LoggedImage {
  step: number;
  timestampMs: number;
  bytes: Uint8Array;
}

export interface LoggedText {
  step: number;
  timestampMs: number;
  text: string;
}

export interface LoggedHistogram {
  step: number;
  timestampMs: number;
  hist: number[];
  binEdges: number[];
}

/** Images kept per tag; beyond it every other one is dropped, so the kept ones still span the run. */
const MAX_IMAGES_PER_TAG = 64;
const MAX_TEXTS_PER_TAG = 200;
const MAX_HISTOGRAMS_PER_TAG = 50;

/** Everything read so far from one run's VisualDL logs, grown incrementally by `refresh()`. */
export class RunLogData {
  readonly scalars = new Map<string, ScalarSeries>();
  readonly images = new Map<string, LoggedImage[]>();
  readonly texts = new Map<string, LoggedText[]>();
  readonly histograms = new Map<string, LoggedHistogram[]>();
  cursor: LogCursor = [];
  /** When a refresh last found new records (server clock), null before any. */
  lastDataAt: Date | null = null;
  bytesRead = 0;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly source: VisualDlSource) {}

  /** Reads what was appended since the last refresh; concurrent callers share one read. */
  refresh(): Promise<void> {
    this.refreshing ??= this.readNew().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async readNew() {
    let added = 0;
    const { cursor, bytesRead } = await readSourceSince(this.source, this.cursor, (values) => {
      for (const value of values) this.add(value);
      added += values.length;
    });
    this.cursor = cursor;
    this.bytesRead += bytesRead;
    if (added > 0) this.lastDataAt = new Date();
  }

  private add(value: VdlValue) {
    switch (value.kind) {
      case "scalar": {
        const tag = value.subTag ? `${value.tag}/${value.subTag}` : value.tag;
        let series = this.scalars.get(tag);
        if (!series) this.scalars.set(tag, (series = { tag, steps: [], wallMs: [], values: [] }));
        series.steps.push(value.step);
        series.wallMs.push(value.timestampMs);
        series.values.push(value.value);
        return;
      }
      case "image":
        return keep(this.images, value.tag, { step: value.step, timestampMs: value.timestampMs, bytes: value.encodedImage }, MAX_IMAGES_PER_TAG, true);
      case "text":
        return keep(this.texts, value.tag, { step: value.step, timestampMs: value.timestampMs, text: value.text }, MAX_TEXTS_PER_TAG, false);
      case "histogram":
        return keep(this.histograms, value.tag, { step: value.step, timestampMs: value.timestampMs, hist: value.hist, binEdges: value.binEdges }, MAX_HISTOGRAMS_PER_TAG, true);
      default:
        return;
    }
  }
}

function keep<T>(map: Map<string, T[]>, tag: string, item: T, limit: number, thin: boolean) {
  let list = map.get(tag);
  if (!list) map.set(tag, (list = []));
  list.push(item);
  if (list.length <= limit) return;
  if (thin) {
    // Keep every other entry (and the newest): the slider still covers the whole run.
    const thinned = list.filter((_, i) => i % 2 === 0);
    if (thinned[thinned.length - 1] !== item) thinned.push(item);
    map.set(tag, thinned);
  } else {
    list.shift();
  }
}

type Cache = Map<string, { data: RunLogData; usedAt: number }>;
const CACHE_LIMIT = 24;
const globalCache = globalThis as unknown as { __ocrConsoleRunLogs?: Cache };

/**
 * The log data of a run, kept across requests so polling reads only new bytes; the source is resolved
 * only when the run is not cached yet (null: the run has none). At most CACHE_LIMIT runs stay in
 * memory; the least recently used goes first.
 */
export async function runLogData(key: string, resolveSource: () => Promise<VisualDlSource | null>): Promise<RunLogData | null> {
  const cache = (globalCache.__ocrConsoleRunLogs ??= new Map());
  let entry = cache.get(key);
  if (!entry) {
    const source = await resolveSource();
    if (!source) return null;
    // Another request may have cached it while the source was being resolved.
    entry = cache.get(key) ?? { data: new RunLogData(source), usedAt: 0 };
    cache.set(key, entry);
    if (cache.size > CACHE_LIMIT) {
      const oldest = [...cache.entries()].sort((a, b) => a[1].usedAt - b[1].usedAt)[0]!;
      cache.delete(oldest[0]);
    }
  }
  entry.usedAt = Date.now();
  return entry.data;
}
