import { ConsoleError } from "@/lib/errors/console-error";

// Keyset pagination over (createdAt desc, id desc): stable under inserts and fast at any depth,
// unlike OFFSET, so lists stay quick with tens of thousands of rows.

export interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(row: Cursor): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): Cursor {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) throw new ConsoleError("bad_request", "Invalid cursor.");
  return { createdAt, id };
}

/** The Prisma `where` that continues after a cursor, newest first. */
export function afterCursor(cursor: string | undefined) {
  if (!cursor) return {};
  const { createdAt, id } = decodeCursor(cursor);
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}

export const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Fetch one row more than asked to learn whether another page exists. */
export function toPage<T extends Cursor, V>(rows: T[], limit: number, view: (row: T) => V) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(view), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
