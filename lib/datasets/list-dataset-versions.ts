import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors/validation";
import { afterCursor, newestFirst, toPage } from "@/lib/pagination/cursor";
import type { DatasetVersionView } from "@/lib/schemas/datasets";
import { listQuerySchema } from "@/lib/schemas/pagination";
import { emailsOf, toDatasetVersionView } from "./dataset-version-view";
import { findDatasetOrThrow } from "./find-dataset";

/** A dataset's versions, newest first, a page at a time. */
export async function listDatasetVersions(
  prisma: PrismaClient,
  actor: Actor,
  rawName: unknown,
  rawQuery: unknown = {},
): Promise<{ items: DatasetVersionView[]; nextCursor: string | null }> {
  const { limit, cursor } = parseInput(listQuerySchema, rawQuery);
  const dataset = await findDatasetOrThrow(prisma, actor, rawName);
  const rows = await prisma.datasetVersion.findMany({
    where: { datasetId: dataset.id, ...afterCursor(cursor) },
    orderBy: newestFirst(),
    take: limit + 1,
  });
  const emails = await emailsOf(prisma, rows);
  return toPage(rows, limit, (row) => toDatasetVersionView(row, emails));
}
