"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/api/authorized-action";
import { deployCanary } from "@/lib/endpoints/deploy-canary";
import { promoteCanary } from "@/lib/endpoints/promote-canary";
import { rollbackCanary } from "@/lib/endpoints/rollback-canary";
import { shiftTraffic } from "@/lib/endpoints/shift-traffic";
import { updateEndpointSettings } from "@/lib/endpoints/update-endpoint-settings";

// The endpoint page's Traffic and Settings panels: the same lib functions as the REST routes.

function revalidateEndpoint(name: string) {
  revalidatePath("/endpoints");
  revalidatePath(`/endpoints/${name}`);
}

export const deployCanaryAction = authorizedAction("editor", async ({ prisma, actor }, { name, input }: { name: string; input: unknown }) => {
  const endpoint = await deployCanary(prisma, actor, name, input);
  revalidateEndpoint(name);
  return endpoint;
});

export const shiftTrafficAction = authorizedAction("editor", async ({ prisma, actor }, { name, input }: { name: string; input: unknown }) => {
  const endpoint = await shiftTraffic(prisma, actor, name, input);
  revalidateEndpoint(name);
  return endpoint;
});

export const promoteCanaryAction = authorizedAction("editor", async ({ prisma, actor }, { name, input }: { name: string; input: unknown }) => {
  const endpoint = await promoteCanary(prisma, actor, name, input);
  revalidateEndpoint(name);
  return endpoint;
});

export const rollbackCanaryAction = authorizedAction("editor", async ({ prisma, actor }, { name, input }: { name: string; input: unknown }) => {
  const endpoint = await rollbackCanary(prisma, actor, name, input);
  revalidateEndpoint(name);
  return endpoint;
});

export const updateEndpointSettingsAction = authorizedAction("editor", async ({ prisma, actor }, { name, input }: { name: string; input: unknown }) => {
  const endpoint = await updateEndpointSettings(prisma, actor, name, input);
  revalidateEndpoint(name);
  return endpoint;
});
