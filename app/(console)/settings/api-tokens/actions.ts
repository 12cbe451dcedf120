"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/api/authorized-action";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";

export const createApiTokenAction = authorizedAction("viewer", async ({ prisma, actor }, input: unknown) => {
  const created = await createApiToken(prisma, actor, input);
  revalidatePath("/settings/api-tokens");
  return created;
});

export const revokeApiTokenAction = authorizedAction("viewer", async ({ prisma, actor }, id: string) => {
  await revokeApiToken(prisma, actor, id);
  revalidatePath("/settings/api-tokens");
  return null;
});
