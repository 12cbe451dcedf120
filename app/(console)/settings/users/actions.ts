"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/api/authorized-action";
import { createUser } from "@/lib/users/create-user";

export const createUserAction = authorizedAction("admin", async ({ prisma, actor }, input: unknown) => {
  const user = await createUser(prisma, actor, input);
  revalidatePath("/settings/users");
  return user;
});
