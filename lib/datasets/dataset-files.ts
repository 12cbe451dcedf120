import { access } from "node:fs/promises";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError } from "@/lib/errors/console-error";
import type { RunDatasetSpec } from "@/lib/providers/training";
import { openDatasetCredentials } from "./dataset-credentials";
import { withDatasetLock } from "./dataset-lock";
import { datasetSourceDir } from "./dataset-paths";
import { materializeSource, publishMarker, type MaterializeOptions } from "./materialize-source";

export interface LocalRootOptions extends MaterializeOptions {
  prisma?: PrismaClient;
  /** Sync with the source even when a working copy exists (validation does; previews do not). */
  refresh?: boolean;
}

/**
 * The local folder holding a dataset's files, fetched from its source first if this machine has no copy
 * yet (or `refresh`). Image paths in its label files are relative to this folder, as PaddleOCR's data_dir.
 */
export async function localDatasetRoot(datasetId: string, options: LocalRootOptions = {}): Promise<string> {
  const dir = datasetSourceDir(datasetId);
  if (!options.refresh && (await exists(dir)) && !(await exists(publishMarker(datasetId)))) return dir;
  const db = options.prisma ?? (await openPrisma());
  const dataset = await db.dataset.findUnique({ where: { id: datasetId } });
  if (!dataset) throw new ConsoleError("not_found", `There is no dataset ${datasetId}.`);
  return withDatasetLock(
    datasetId,
    () => materializeSource({ datasetId, sourceUri: dataset.sourceUri, credentials: openDatasetCredentials(dataset.credentialsCiphertext) }, { ...options, prisma: db }),
    { signal: options.signal, onWait: () => options.onProgress?.(0, "Waiting for other work on this dataset") },
  );
}

/**
 * The dataset a run trains on, pinned to a version: the given one, or when null the newest valid version
 * (else the newest at all; null only when the dataset was never validated). With a target, the location
 * of that version in the target's cache when it is Ready there.
 */
export async function datasetLaunchSpec(
  teamId: string,
  name: string,
  version: number | null,
  options: { targetId?: string; prisma?: PrismaClient } = {},
): Promise<RunDatasetSpec & { datasetId: string; datasetVersionId: string | null }> {
  const db = options.prisma ?? (await openPrisma());
  const dataset = await db.dataset.findUnique({ where: { teamId_name: { teamId, name } } });
  if (!dataset) throw new ConsoleError("not_found", `There is no dataset named "${name}" in your team.`, { dataset: ["No such dataset"] });
  const pinned =
    version !== null
      ? await db.datasetVersion.findUnique({ where: { datasetId_version: { datasetId: dataset.id, version } } })
      : ((await db.datasetVersion.findFirst({ where: { datasetId: dataset.id, valid: true }, orderBy: { version: "desc" } })) ??
        (await db.datasetVersion.findFirst({ where: { datasetId: dataset.id }, orderBy: { version: "desc" } })));
  if (version !== null && !pinned) {
    throw new ConsoleError("not_found", `Dataset ${name} has no version ${version}.`, { datasetVersion: [`No version ${version}`] });
  }
  const cache =
    options.targetId && pinned
      ? await db.datasetCache.findUnique({ where: { datasetId_targetId: { datasetId: dataset.id, targetId: options.targetId } } })
      : null;
  return {
    name: dataset.name,
    task: dataset.task,
    sourceUri: dataset.sourceUri,
    trainLabelFile: dataset.trainLabelFile,
    testLabelFile: dataset.testLabelFile,
    dictionaryFile: dataset.dictionaryFile,
    version: pinned?.version ?? null,
    cacheLocation: cache && cache.state === "Ready" && cache.datasetVersionId === pinned?.id ? cache.location : null,
    datasetId: dataset.id,
    datasetVersionId: pinned?.id ?? null,
  };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
