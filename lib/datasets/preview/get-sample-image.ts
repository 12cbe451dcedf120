import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { findDatasetOrThrow } from "@/lib/datasets/find-dataset";
import { parseInput } from "@/lib/errors/validation";
import { datasetRootResolver, type PreviewDependencies } from "./dataset-root";
import { sampleImageQuerySchema } from "./preview-schemas";
import { readSampleImage, type SampleImage } from "./sample-image";

/** One image of the team's dataset, by its path in a label file, full size or as a gallery thumbnail. */
export async function getSampleImage(
  prisma: PrismaClient,
  actor: Actor,
  name: string,
  rawQuery: unknown,
  dependencies: PreviewDependencies = {},
): Promise<SampleImage> {
  const dataset = await findDatasetOrThrow(prisma, actor, name);
  const { path, size } = parseInput(sampleImageQuerySchema, rawQuery);
  const root = await datasetRootResolver(prisma, dependencies)(dataset.id);
  return readSampleImage(root, path, size);
}
