import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { listVersionsQuerySchema, modelNameSchema, type ModelVersionView } from "@/lib/schemas/models";
import { VERSION_COLUMNS, VERSION_JOINS, toVersionView, type VersionRow } from "./version-view";

// Keyset pagination over any of the sortable columns: (sort key, id) compared as a row, so a page
// deep in a model with 10,000 versions costs the same as the first. Metrics live in a JSON column;
// a version without the metric sorts as -∞ (last when descending).
const SORT_KEYS: Record<string, { expression: (metricParam: string) => string; cast: string }> = {
  created: { expression: () => `v."createdAt"`, cast: "timestamp(3)" },
  // Numbered versions in numeric order, then named ones (latest, v2 …) by name.
  version: {
    expression: () => `((CASE WHEN v."version" ~ '^[0-9]{1,18}$' THEN lpad(v."version", 18, '0') ELSE '~' || v."version" END) COLLATE "C")`,
    cast: "text",
  },
  run: { expression: () => `(coalesce(r."name", v."manifest" -> 'run' ->> 'name', '') COLLATE "C")`, cast: "text" },
  size: { expression: () => `v."sizeBytes"`, cast: "float8" },
  metric: {
    expression: (metric) => `coalesce(CASE WHEN jsonb_typeof(v."metrics" -> ${metric}) = 'number' THEN (v."metrics" ->> ${metric})::float8 END, '-Infinity'::float8)`,
    cast: "float8",
  },
};

/** One model's versions, a page at a time, sorted by version, created, source run, size or a metric. */
export async function listVersions(
  prisma: PrismaClient,
  actor: Actor,
  rawModelName: string,
  rawQuery: unknown = {},
): Promise<{ items: ModelVersionView[]; nextCursor: string | null }> {
  const modelName = parseInput(modelNameSchema, rawModelName);
  const query = parseInput(listVersionsQuerySchema, rawQuery);
  const [sortName, metricName] = query.sort.startsWith("metric:") ? ["metric", query.sort.slice("metric:".length)] : [query.sort, null];
  const sort = SORT_KEYS[sortName]!;
  const params: unknown[] = [actor.teamId, modelName];
  const param = (value: unknown, cast: string) => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
  const key = sort.expression(metricName === null ? "" : param(metricName, "text"));
  const comparison = query.order === "desc" ? "<" : ">";
  let after = "";
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, query.sort, query.order);
    after = `AND (${key}, v."id") ${comparison} (${param(cursor.key, sort.cast)}, ${param(cursor.id, "text")})`;
  }
  const direction = query.order === "desc" ? "DESC" : "ASC";
  const rows = await prisma.$queryRawUnsafe<Array<VersionRow & { sortKey: unknown }>>(
    `SELECT ${VERSION_COLUMNS}, ${key} AS "sortKey" ${VERSION_JOINS}
      WHERE v."teamId" = $1 AND v."modelName" = $2 ${after}
      ORDER BY ${key} ${direction}, v."id" ${direction}
      LIMIT ${query.limit + 1}`,
    ...params,
  );
  const page = rows.slice(0, query.limit);
  const ids = page.map((row) => row.id);
  const [aliases, deployments] = await Promise.all([
    prisma.modelAlias.findMany({ where: { teamId: actor.teamId, modelName }, orderBy: { alias: "asc" } }),
    prisma.deployment.findMany({ where: { modelVersionId: { in: ids }, retiredAt: null }, select: { modelVersionId: true, endpoint: { select: { name: true } } } }),
  ]);
  const last = page[page.length - 1];
  return {
    items: page.map((row) =>
      toVersionView(
        row,
        aliases.filter((a) => a.version === row.version).map((a) => a.alias),
        [...new Set(deployments.filter((d) => d.modelVersionId === row.id).map((d) => d.endpoint.name))],
      ),
    ),
    nextCursor: rows.length > query.limit && last ? encodeCursor(query.sort, query.order, last.sortKey, last.id) : null,
  };
}

function encodeCursor(sort: string, order: string, key: unknown, id: string): string {
  const value = key instanceof Date ? key.toISOString() : String(key);
  return Buffer.from(JSON.stringify([sort, order, value, id])).toString("base64url");
}

function decodeCursor(cursor: string, sort: string, order: string): { key: string; id: string } {
  try {
    const [cursorSort, cursorOrder, key, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as string[];
    if (cursorSort === sort && cursorOrder === order && typeof key === "string" && typeof id === "string") return { key, id };
  } catch {
    // fall through
  }
  throw new ConsoleError("bad_request", "Invalid cursor for this sort order; start from the first page.");
}
