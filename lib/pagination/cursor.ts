import { ConsoleError } from "@/lib/errors/console-error";

// Keyset pagination over (time desc, id desc): stable under inserts and fast at any depth, unlike
// OFFSET, so lists stay quick with tens of thousands of rows. The time column is `createdAt` for most
// tables; the audit trail orders by `at`.

export interface Cursor {
  time: Date;
  id: string;
}

type TimeField = "createdAt" | "at";

export function encodeCursor({ time, id }: Cursor): string {
  return Buffer.from(`${time.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): Cursor {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const time = new Date(at ?? "");
  if (!id || Number.isNaN(time.getTime())) throw new ConsoleError("bad_request", "Invalid cursor.");
  return { time, id };
}

/** The Prisma `where` that continues after a cursor, newest first. */
export function afterCursor(cursor: string | undefined, field: TimeField = "createdAt") {
  if (!cursor) return {};
  const { time, id } = decodeCursor(cursor);
  return { OR: [{ [field]: { lt: time } }, { [field]: time, id: { lt: id } }] };
}

export function newestFirst(field: TimeField = "createdAt") {
  return [{ [field]: "desc" as const }, { id: "desc" as const }];
}

/** Fetch one row more than asked to learn whether another page exists. */
export function toPage<T extends { id: string }, V>(
  rows: T[],
  limit: number,
  view: (row: T) => V,
  timeOf: (row: T) => Date = (row) => (row as T & { createdAt: Date }).createdAt,
) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(view), nextCursor: rows.length > limit && last ? encodeCursor({ time: timeOf(last), id: last.id }) : null };
}
