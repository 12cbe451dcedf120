import { open } from "node:fs/promises";
import type { LogLine, LogOptions } from "../training";
import { sleep } from "@/lib/async/sleep";

const CHUNK = 64 * 1024;
const PREFIX_TIME = /^\[(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})\]/;

/** PaddleOCR's `[YYYY/MM/DD HH:MM:SS]` prefix, in this machine's local time (as PaddleOCR writes it). */
function lineTime(text: string): Date | null {
  const match = PREFIX_TIME.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(y!, mo! - 1, d!, h!, mi!, s!);
}


/**
 * The lines of a log file from its start. With `follow`, waits for more until `finished()` says the
 * writer is done and everything is read, or the signal aborts. Lines without a time of their own
 * (tracebacks, tqdm) take the time of the line before them, so `since` keeps them together.
 */
export async function* tailLogFile(
  file: string,
  stream: string,
  options: LogOptions & { finished: () => Promise<boolean>; pollMs?: number },
): AsyncGenerator<LogLine> {
  const { follow = false, since, signal, finished, pollMs = 250 } = options;
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  let offset = 0;
  let pending = "";
  let lastTime: Date | null = null;
  const decoder = new TextDecoder();
  const buffer = Buffer.alloc(CHUNK);
  const emit = function* (text: string): Generator<LogLine> {
    const at = lineTime(text) ?? lastTime;
    lastTime = at;
    if (since && at && at < since) return;
    if (since && !at) return;
    yield { stream, text, at };
  };
  try {
    while (!signal?.aborted) {
      handle ??= await open(file, "r").catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return null;
        throw error;
      });
      let read = 0;
      if (handle) {
        ({ bytesRead: read } = await handle.read(buffer, 0, CHUNK, offset));
        offset += read;
      }
      if (read > 0) {
        pending += decoder.decode(buffer.subarray(0, read), { stream: true });
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) yield* emit(line.replace(/\r$/, ""));
        continue;
      }
      // At the end of what is written: done unless following a writer that is still at it.
      const done = !follow || (await finished());
      if (done) {
        // One more read: the writer may have added its last lines just before finishing.
        if (handle && follow) {
          const { bytesRead } = await handle.read(buffer, 0, CHUNK, offset);
          if (bytesRead > 0) continue;
        }
        pending += decoder.decode();
        if (pending) yield* emit(pending.replace(/\r$/, ""));
        return;
      }
      await sleep(pollMs, signal);
    }
  } finally {
    await handle?.close();
  }
}
