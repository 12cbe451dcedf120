"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/api/authorized-action";
import { rescanBucket } from "@/lib/registry/rescan-bucket";

export const rescanBucketAction = authorizedAction("editor", async ({ prisma, actor }) => {
  const report = await rescanBucket(prisma, actor);
  revalidatePath("/models");
  return report;
});
