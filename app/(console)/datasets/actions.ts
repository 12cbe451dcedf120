"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/api/authorized-action";
import { startDatasetCache } from "@/lib/datasets/cache-dataset";
import { createDataset } from "@/lib/datasets/create-dataset";
import { startDatasetValidation } from "@/lib/datasets/start-dataset-validation";

// The page twins of POST /api/v1/datasets, POST /api/v1/datasets/{name}:validate and :cache. Uploading an
// archive has no action: a server action's body is buffered and capped, so the page streams it to
// PUT /api/v1/datasets/{name}/archive instead.

export const createDatasetAction = authorizedAction("editor", async ({ prisma, actor }, input: unknown) => {
  const dataset = await createDataset(prisma, actor, input);
  revalidatePath("/datasets");
  return dataset;
});

export const validateDatasetAction = authorizedAction("editor", async ({ prisma, actor }, name: string) => {
  const job = await startDatasetValidation(prisma, actor, name);
  revalidatePath(`/datasets/${encodeURIComponent(name)}`);
  return job;
});

export const cacheDatasetAction = authorizedAction("editor", async ({ prisma, actor }, input: { name: string; target: string; version?: number }) => {
  const job = await startDatasetCache(prisma, actor, input.name, { target: input.target, version: input.version });
  revalidatePath(`/datasets/${encodeURIComponent(input.name)}`);
  return job;
});
