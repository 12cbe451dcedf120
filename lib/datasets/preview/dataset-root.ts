import type { PrismaClient } from "@/lib/generated/prisma/client";
import { localDatasetRoot } from "@/lib/datasets/dataset-files";

/** Finds the local folder of a dataset's files; tests pass a folder of their own. */
export type DatasetRootResolver = (datasetId: string) => Promise<string>;

export interface PreviewDependencies {
  datasetRoot?: DatasetRootResolver;
}

/** The dataset's working copy, fetched from its source the first time (later previews read it as it is). */
export function datasetRootResolver(prisma: PrismaClient, dependencies: PreviewDependencies): DatasetRootResolver {
  return dependencies.datasetRoot ?? ((datasetId) => localDatasetRoot(datasetId, { prisma }));
}
