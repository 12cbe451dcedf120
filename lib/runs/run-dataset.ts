import type { PrismaClient, Target } from "@/lib/generated/prisma/client";
import { datasetLaunchSpec, localDatasetRoot } from "@/lib/datasets/dataset-files";
import { ConsoleError } from "@/lib/errors/console-error";
import type { RunDatasetSpec } from "@/lib/providers/training";

export interface PinnedDataset {
  spec: RunDatasetSpec;
  datasetId: string;
  datasetVersionId: string | null;
}

/**
 * The dataset version a run trains on, pinned at creation (the latest valid one when none is named),
 * with where the target's cache holds it. On the local target a version not cached yet trains from
 * the dataset's local copy (fetched first if this machine has none), so a run never waits on a cache.
 */
export async function pinDataset(prisma: PrismaClient, teamId: string, target: Target, name: string, version: number | null): Promise<PinnedDataset> {
  const { datasetId, datasetVersionId, ...spec } = await datasetLaunchSpec(teamId, name, version, { targetId: target.id, prisma });
  if (target.kind === "local" && !spec.cacheLocation) spec.cacheLocation = await localDatasetRoot(datasetId, { prisma });
  return { spec, datasetId, datasetVersionId };
}

/** A det config for a rec dataset (or the reverse) cannot train; say so before anything starts. */
export function checkTaskMatchesConfig(task: RunDatasetSpec["task"], configPath: string): void {
  const configTask = /(^|\/)configs\/(det|rec|cls)\//.exec(configPath)?.[2];
  if (configTask && configTask !== task) {
    const words = { det: "detection", rec: "recognition", cls: "direction classification" } as const;
    throw new ConsoleError("bad_request", `${configPath} is a ${words[configTask as keyof typeof words]} config but the dataset is a ${words[task]} set.`, {
      configPath: [`Pick a ${words[task]} config for this dataset`],
    });
  }
}
