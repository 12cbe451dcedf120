"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/api/authorized-action";
import { createDataset } from "@/lib/datasets/create-dataset";

export const createDatasetAction = authorizedAction("editor", async ({ prisma, actor }, input: unknown) => {
  const dataset = await createDataset(prisma, actor, input);
  revalidatePath("/datasets");
  return dataset;
});
