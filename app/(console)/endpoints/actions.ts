"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/api/authorized-action";
import { createEndpoint } from "@/lib/endpoints/create-endpoint";
import { deleteEndpoint } from "@/lib/endpoints/delete-endpoint";

export const createEndpointAction = authorizedAction("editor", async ({ prisma, actor }, input: unknown) => {
  const endpoint = await createEndpoint(prisma, actor, input);
  revalidatePath("/endpoints");
  return endpoint;
});

export const deleteEndpointAction = authorizedAction("editor", async ({ prisma, actor }, name: string) => {
  await deleteEndpoint(prisma, actor, name);
  revalidatePath("/endpoints");
  return null;
});
