import type { ListRunsQuery } from "@/lib/schemas/runs";

/** The runs list's filters, sort and page as the URL and the API both spell them. */
export type RunsListQuery = Pick<ListRunsQuery, "state" | "target" | "dataset" | "q" | "sort" | "order" | "cursor">;

const DEFAULTS = { sort: "createdAt", order: "desc" } as const;

/** Only what differs from the defaults, in a fixed order: one query string per view (a stable cache key). */
export function runsSearchParams(query: RunsListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.state) params.set("state", query.state);
  if (query.target) params.set("target", query.target);
  if (query.dataset) params.set("dataset", query.dataset);
  if (query.sort !== DEFAULTS.sort) params.set("sort", query.sort);
  if (query.order !== DEFAULTS.order) params.set("order", query.order);
  if (query.cursor) params.set("cursor", query.cursor);
  return params;
}

/** Clicking a column header: a new column starts descending (best metric, newest, …); the same column flips. */
export function toggleSort(query: RunsListQuery, sort: RunsListQuery["sort"]): RunsListQuery {
  const order = query.sort === sort ? (query.order === "desc" ? "asc" : "desc") : sort === "name" ? "asc" : "desc";
  return { ...query, sort, order, cursor: undefined };
}
