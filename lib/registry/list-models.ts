import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { listModelsQuerySchema, type ModelSummary } from "@/lib/schemas/models";
import { toAliasView } from "./alias-view";

/**
 * Every model of the team, one row each: version count, latest version, aliases, last update —
 * aggregated by the database from the mirror (so 10,000 versions cost one grouped query), with
 * search by name and sort by name, last update or number of versions. Models are groups, not rows,
 * so the cursor is a position in the sorted groups rather than a keyset.
 */
export async function listModels(prisma: PrismaClient, actor: Actor, rawQuery: unknown = {}): Promise<{ items: ModelSummary[]; nextCursor: string | null }> {
  const query = parseInput(listModelsQuerySchema, rawQuery);
  const order = query.order ?? (query.sort === "name" ? "asc" : "desc");
  const offset = query.cursor ? decodeOffset(query.cursor) : 0;
  const groups = await prisma.modelVersion.groupBy({
    by: ["modelName"],
    where: { teamId: actor.teamId, ...(query.q ? { modelName: { contains: query.q, mode: "insensitive" as const } } : {}) },
    _count: { _all: true },
    _max: { createdAt: true },
    orderBy:
      query.sort === "name"
        ? [{ modelName: order }]
        : query.sort === "versions"
          ? [{ _count: { modelName: order } }, { modelName: "asc" }]
          : [{ _max: { createdAt: order } }, { modelName: "asc" }],
    skip: offset,
    take: query.limit + 1,
  });
  const page = groups.slice(0, query.limit);
  const names = page.map((g) => g.modelName);
  const [latest, aliases] = await Promise.all([latestVersions(prisma, actor.teamId, names), prisma.modelAlias.findMany({ where: { teamId: actor.teamId, modelName: { in: names } }, orderBy: { alias: "asc" } })]);
  return {
    items: page.map((group) => {
      const newest = latest.get(group.modelName);
      return {
        name: group.modelName,
        versionCount: group._count._all,
        latestVersion: newest?.version ?? null,
        latestCreatedAt: newest?.createdAt.toISOString() ?? null,
        aliases: aliases.filter((a) => a.modelName === group.modelName).map(toAliasView),
        updatedAt: (group._max.createdAt ?? new Date(0)).toISOString(),
      };
    }),
    nextCursor: groups.length > query.limit ? encodeOffset(offset + query.limit) : null,
  };
}

/** The newest complete version of each named model, in one query. */
async function latestVersions(prisma: PrismaClient, teamId: string, names: string[]): Promise<Map<string, { version: string; createdAt: Date }>> {
  if (names.length === 0) return new Map();
  const placeholders = names.map((_, i) => `$${i + 2}`).join(", ");
  const rows = await prisma.$queryRawUnsafe<Array<{ modelName: string; version: string; createdAt: Date }>>(
    `SELECT DISTINCT ON ("modelName") "modelName", "version", "createdAt" FROM "ModelVersion"
      WHERE "teamId" = $1 AND "modelName" IN (${placeholders}) AND NOT ("manifest" ? 'pending')
      ORDER BY "modelName", "createdAt" DESC, "id" DESC`,
    teamId,
    ...names,
  );
  return new Map(rows.map((row) => [row.modelName, { version: row.version, createdAt: new Date(row.createdAt) }]));
}

function encodeOffset(offset: number): string {
  return Buffer.from(`models|${offset}`).toString("base64url");
}

function decodeOffset(cursor: string): number {
  const [kind, value] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const offset = Number(value);
  if (kind !== "models" || !Number.isInteger(offset) || offset < 0) throw new ConsoleError("bad_request", "Invalid cursor.");
  return offset;
}
