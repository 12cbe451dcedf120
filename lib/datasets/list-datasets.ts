import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors/validation";
import { afterCursor, newestFirst, toPage } from "@/lib/pagination/cursor";
import type { DatasetView } from "@/lib/schemas/datasets";
import { listQuerySchema } from "@/lib/schemas/pagination";
import { toDatasetView } from "./dataset-view";

export async function listDatasets(
  prisma: PrismaClient,
  actor: Actor,
  rawQuery: unknown = {},
): Promise<{ items: DatasetView[]; nextCursor: string | null }> {
  const { limit, cursor } = parseInput(listQuerySchema, rawQuery);
  const rows = await prisma.dataset.findMany({
    where: { teamId: actor.teamId, ...afterCursor(cursor) },
    orderBy: newestFirst(),
    take: limit + 1,
    include: { createdBy: { select: { email: true } } },
  });
  return toPage(rows, limit, toDatasetView);
}
