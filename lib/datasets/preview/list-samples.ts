import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { findDatasetOrThrow } from "@/lib/datasets/find-dataset";
import { parseInput } from "@/lib/errors/validation";
import { datasetRootResolver, type PreviewDependencies } from "./dataset-root";
import { sampleQuerySchema, type SamplePage } from "./preview-schemas";
import { readSamplePage } from "./read-sample-page";

/** A page of a dataset's samples (train or test label file), optionally only those whose text matches `q`. */
export async function listSamples(
  prisma: PrismaClient,
  actor: Actor,
  name: string,
  rawQuery: unknown,
  dependencies: PreviewDependencies = {},
): Promise<SamplePage> {
  const dataset = await findDatasetOrThrow(prisma, actor, name);
  const query = parseInput(sampleQuerySchema, rawQuery);
  const root = await datasetRootResolver(prisma, dependencies)(dataset.id);
  const labelFile = query.split === "train" ? dataset.trainLabelFile : dataset.testLabelFile;
  const page = await readSamplePage({ root, labelFile, task: dataset.task, q: query.q, cursor: query.cursor, limit: query.limit });
  return { task: dataset.task, split: query.split, labelFile, ...page };
}
