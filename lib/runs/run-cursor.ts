import type { Prisma } from "@/lib/generated/prisma/client";
import { ConsoleError } from "@/lib/errors/console-error";
import { RUN_STATES, type ListRunsQuery } from "@/lib/schemas/runs";

// Keyset pagination for the runs list by any of its sort fields (lib/pagination/cursor.ts covers the
// time-only case). Each cursor holds the last row's sort key and id, and names the sort it belongs to.

type Sort = ListRunsQuery["sort"];
type Order = ListRunsQuery["order"];

interface RunCursor {
  sort: Sort;
  order: Order;
  /** The sort value: ISO time, name, state, or key metric (null when the run has none). */
  value: string | number | null;
  /** createdAt of the row, the second key of the state sort. */
  time?: string;
  id: string;
}

export interface RunCursorRow {
  id: string;
  name: string;
  state: string;
  createdAt: Date;
  keyMetricValue: number | null;
}

export function encodeRunCursor(sort: Sort, order: Order, row: RunCursorRow): string {
  const value = sort === "createdAt" ? row.createdAt.toISOString() : sort === "name" ? row.name : sort === "state" ? row.state : row.keyMetricValue;
  const cursor: RunCursor = { sort, order, value, id: row.id, ...(sort === "state" ? { time: row.createdAt.toISOString() } : {}) };
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decode(cursor: string, sort: Sort, order: Order): RunCursor {
  let parsed: RunCursor;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as RunCursor;
  } catch {
    throw new ConsoleError("bad_request", "Invalid cursor.");
  }
  if (typeof parsed?.id !== "string" || parsed.sort !== sort || parsed.order !== order) {
    throw new ConsoleError("bad_request", "The cursor belongs to another sort order; start from the first page.");
  }
  return parsed;
}

/** ORDER BY for a sort: always ending in id, so the order is total and the keyset exact. */
export function runOrderBy(sort: Sort, order: Order): Prisma.TrainingRunOrderByWithRelationInput[] {
  switch (sort) {
    case "createdAt":
      return [{ createdAt: order }, { id: order }];
    case "name":
      return [{ name: order }, { id: order }];
    case "state":
      // Within a state, newest first, whatever the state order (the index is teamId, state, createdAt).
      return [{ state: order }, { createdAt: "desc" }, { id: "desc" }];
    case "keyMetric":
      // Runs without a metric last in both directions: they are not "worst" or "best".
      return [{ keyMetricValue: { sort: order, nulls: "last" } }, { id: order }];
  }
}

/** The WHERE that continues after a cursor in the given sort. */
export function afterRunCursor(cursor: string | undefined, sort: Sort, order: Order): Prisma.TrainingRunWhereInput {
  if (!cursor) return {};
  const c = decode(cursor, sort, order);
  const beyond = order === "desc" ? "lt" : "gt";
  switch (sort) {
    case "createdAt": {
      const time = new Date(String(c.value));
      if (Number.isNaN(time.getTime())) throw new ConsoleError("bad_request", "Invalid cursor.");
      return { OR: [{ createdAt: { [beyond]: time } }, { createdAt: time, id: { [beyond]: c.id } }] };
    }
    case "name":
      return { OR: [{ name: { [beyond]: String(c.value) } }, { name: String(c.value), id: { [beyond]: c.id } }] };
    case "state": {
      // Prisma compares enums only for equality, so "states after this one" is a list in enum order.
      const index = RUN_STATES.indexOf(c.value as (typeof RUN_STATES)[number]);
      const time = new Date(String(c.time));
      if (index < 0 || Number.isNaN(time.getTime())) throw new ConsoleError("bad_request", "Invalid cursor.");
      const later = order === "asc" ? RUN_STATES.slice(index + 1) : RUN_STATES.slice(0, index);
      return {
        OR: [
          { state: { in: [...later] } },
          { state: RUN_STATES[index], OR: [{ createdAt: { lt: time } }, { createdAt: time, id: { lt: c.id } }] },
        ],
      };
    }
    case "keyMetric": {
      if (c.value === null) return { keyMetricValue: null, id: { [beyond]: c.id } };
      const value = Number(c.value);
      return { OR: [{ keyMetricValue: { [beyond]: value } }, { keyMetricValue: value, id: { [beyond]: c.id } }, { keyMetricValue: null }] };
    }
  }
}
