import { createReadStream } from "node:fs";

export interface EncodingScan {
  /** Set when the file starts with a UTF-16 byte-order mark: every line would read as garbage. */
  utf16: "le" | "be" | null;
  /** 1-based numbers of lines that are not valid UTF-8, in the numbering readline uses (\n, \r\n or \r end a line). */
  badLines: number[];
  /** All bad lines, also those beyond `maxLines`. */
  badLineCount: number;
}

/**
 * Finds the lines of a label file that are not UTF-8. PaddleOCR opens label files as UTF-8 and fails on
 * the first undecodable byte; Node would silently turn such bytes into U+FFFD, so they are found here
 * on the raw bytes instead, one streaming pass, memory bounded by `maxLines`.
 */
export async function scanLabelEncoding(file: string, options: { maxLines?: number; signal?: AbortSignal } = {}): Promise<EncodingScan> {
  const maxLines = options.maxLines ?? 1000;
  const badLines: number[] = [];
  let badLineCount = 0;
  let line = 1;
  let lineBad = false;
  let previousCR = false;
  let first = true;
  let decoder = new TextDecoder("utf-8", { fatal: true });

  const feed = (bytes: Uint8Array, stream: boolean) => {
    if (lineBad || bytes.length === 0 && stream) return;
    try {
      decoder.decode(bytes, { stream });
    } catch {
      lineBad = true;
      decoder = new TextDecoder("utf-8", { fatal: true });
    }
  };
  const endLine = () => {
    feed(new Uint8Array(0), false);
    if (lineBad) {
      badLineCount++;
      if (badLines.length < maxLines) badLines.push(line);
    }
    lineBad = false;
    line++;
  };

  const stream = createReadStream(file);
  const abort = () => stream.destroy(new DOMException("Dataset validation was aborted", "AbortError"));
  options.signal?.addEventListener("abort", abort, { once: true });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        if (chunk[0] === 0xff && chunk[1] === 0xfe) return { utf16: "le", badLines: [], badLineCount: 0 };
        if (chunk[0] === 0xfe && chunk[1] === 0xff) return { utf16: "be", badLines: [], badLineCount: 0 };
      }
      let start = 0;
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === 0x0a) {
          if (previousCR) {
            previousCR = false;
            start = i + 1;
            continue;
          }
          feed(chunk.subarray(start, i), true);
          endLine();
          start = i + 1;
        } else if (byte === 0x0d) {
          feed(chunk.subarray(start, i), true);
          endLine();
          previousCR = true;
          start = i + 1;
        } else {
          previousCR = false;
        }
      }
      feed(chunk.subarray(start), true);
    }
    feed(new Uint8Array(0), false);
    if (lineBad) {
      badLineCount++;
      if (badLines.length < maxLines) badLines.push(line);
    }
    return { utf16: null, badLines, badLineCount };
  } finally {
    options.signal?.removeEventListener("abort", abort);
    stream.destroy();
  }
}
