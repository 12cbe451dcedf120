import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { VersionManifest } from "@/lib/schemas/models";

export interface Lineage {
  runId: string | null;
  datasetId: string | null;
  datasetVersionId: string | null;
  run: VersionManifest["run"];
  dataset: VersionManifest["dataset"];
}

/**
 * The run → dataset version → source chain of a new version, from whatever ids the caller has:
 * a run alone brings its dataset version. Ids of another team, or unknown ones, are left out
 * rather than failing a registration that is otherwise fine.
 */
export async function resolveLineage(
  prisma: PrismaClient,
  teamId: string,
  ids: { runId?: string | null; datasetId?: string | null; datasetVersionId?: string | null },
): Promise<Lineage> {
  const run = ids.runId ? await prisma.trainingRun.findFirst({ where: { id: ids.runId, teamId } }) : null;
  const datasetVersionId = ids.datasetVersionId ?? run?.datasetVersionId ?? null;
  const datasetVersion = datasetVersionId
    ? await prisma.datasetVersion.findFirst({ where: { id: datasetVersionId, dataset: { teamId } }, include: { dataset: true } })
    : null;
  const datasetId = datasetVersion?.datasetId ?? ids.datasetId ?? run?.datasetId ?? null;
  const dataset = datasetVersion?.dataset ?? (datasetId ? await prisma.dataset.findFirst({ where: { id: datasetId, teamId } }) : null);
  return {
    runId: run?.id ?? null,
    datasetId: dataset?.id ?? null,
    datasetVersionId: datasetVersion?.id ?? null,
    run: run ? { id: run.id, name: run.name } : null,
    dataset: dataset
      ? { id: dataset.id, name: dataset.name, sourceUri: dataset.sourceUri, versionId: datasetVersion?.id ?? null, version: datasetVersion?.version ?? null }
      : null,
  };
}
