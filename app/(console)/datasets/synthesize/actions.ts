"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/api/authorized-action";
import { synthesizeDataset } from "@/lib/datasets/synthesize/synthesize-dataset";

/** Starts generating a synthetic dataset; the form then follows the job. REST twin: POST /api/v1/datasets:synthesize. */
export const synthesizeDatasetAction = authorizedAction("editor", async ({ prisma, actor }, input: unknown) => {
  const started = await synthesizeDataset(prisma, actor, input);
  revalidatePath("/datasets");
  return started;
});
