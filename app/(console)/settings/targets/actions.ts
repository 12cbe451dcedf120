"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/api/authorized-action";
import { checkTarget } from "@/lib/targets/check-target";
import { createTarget } from "@/lib/targets/create-target";
import { deleteTarget } from "@/lib/targets/delete-target";

export const createTargetAction = authorizedAction("admin", async ({ prisma, actor }, input: unknown) => {
  const target = await createTarget(prisma, actor, input);
  revalidatePath("/settings/targets");
  return target;
});

export const checkTargetAction = authorizedAction("viewer", async ({ prisma, actor }, name: string) => {
  const check = await checkTarget(prisma, actor, name);
  revalidatePath("/settings/targets");
  return check;
});

export const deleteTargetAction = authorizedAction("admin", async ({ prisma, actor }, name: string) => {
  await deleteTarget(prisma, actor, name);
  revalidatePath("/settings/targets");
  return null;
});
