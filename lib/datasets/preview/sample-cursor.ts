import { ConsoleError } from "@/lib/errors/console-error";

/** Where the next page starts in a label file: a byte offset (so paging never re-reads earlier lines) and that line's number. */
export interface SampleCursor {
  offset: number;
  line: number;
}

export const START_OF_FILE: SampleCursor = { offset: 0, line: 1 };

export function encodeSampleCursor({ offset, line }: SampleCursor): string {
  return Buffer.from(`${offset}.${line}`).toString("base64url");
}

export function decodeSampleCursor(cursor: string | undefined): SampleCursor {
  if (!cursor) return START_OF_FILE;
  const match = /^(\d{1,15})\.(\d{1,12})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new ConsoleError("bad_request", "This page cursor is not valid; start again from the first page.");
  return { offset: Number(match[1]), line: Number(match[2]) };
}
