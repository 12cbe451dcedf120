import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors/validation";
import { listRunsQuerySchema, type RunView } from "@/lib/schemas/runs";
import { afterRunCursor, encodeRunCursor, runOrderBy } from "./run-cursor";
import { RUN_INCLUDE, toRunView } from "./run-view";

/** Runs of the team, filtered (state, target, dataset, q) and sorted, one keyset page at a time. Query: listRunsQuerySchema's input. */
export async function listRuns(prisma: PrismaClient, actor: Actor, rawQuery: unknown = {}): Promise<{ items: RunView[]; nextCursor: string | null }> {
  const query = parseInput(listRunsQuerySchema, rawQuery);
  // Target and dataset names become ids first, so the page query filters on the run's own columns.
  const [target, dataset] = await Promise.all([
    query.target ? prisma.target.findUnique({ where: { teamId_name: { teamId: actor.teamId, name: query.target } }, select: { id: true } }) : undefined,
    query.dataset ? prisma.dataset.findUnique({ where: { teamId_name: { teamId: actor.teamId, name: query.dataset } }, select: { id: true } }) : undefined,
  ]);
  if (target === null || dataset === null) return { items: [], nextCursor: null };

  const filters: Prisma.TrainingRunWhereInput[] = [{ teamId: actor.teamId }];
  if (query.state) filters.push({ state: query.state });
  if (target) filters.push({ targetId: target.id });
  if (dataset) filters.push({ datasetId: dataset.id });
  if (query.q) filters.push({ OR: [{ name: { contains: query.q, mode: "insensitive" } }, { modelName: { contains: query.q, mode: "insensitive" } }] });
  const after = afterRunCursor(query.cursor, query.sort, query.order);
  if (Object.keys(after).length > 0) filters.push(after);

  const rows = await prisma.trainingRun.findMany({
    where: { AND: filters },
    orderBy: runOrderBy(query.sort, query.order),
    take: query.limit + 1,
    include: RUN_INCLUDE,
    // The recorded request (manifests, AWS requests) can be large and the list never shows it.
    omit: { request: true },
  });
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const now = new Date();
  return {
    items: items.map((row) => toRunView({ ...row, request: null }, now)),
    nextCursor: rows.length > query.limit && last ? encodeRunCursor(query.sort, query.order, last) : null,
  };
}
