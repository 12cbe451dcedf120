import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors/validation";
import { updateEndpointSettingsSchema, type EndpointView } from "@/lib/schemas/endpoints";
import { applyTrafficPlan } from "./apply-traffic-plan";
import { withEndpointLock } from "./endpoint-lock";
import { findEndpoint } from "./list-endpoints";
import { parseServingSettings, storedParams, storedServingSettings } from "./serving-settings";
import { currentPlan } from "./traffic-plan";

/**
 * Changes how an endpoint is served — autoscaling, resources, instance types, deployment policy,
 * invocation mapping (checked by the target kind's schema) and/or its PaddleOCR parameters — by
 * deploying the same variants again with them. Settings that are not sent stay as they were.
 */
export async function updateEndpointSettings(prisma: PrismaClient, actor: Actor, name: string, rawInput: unknown): Promise<EndpointView> {
  const input = parseInput(updateEndpointSettingsSchema, rawInput);
  return withEndpointLock(`${actor.teamId}/${name}`, async () => {
    const endpoint = await findEndpoint(prisma, actor, name);
    const before = { params: storedParams(endpoint.config), serving: storedServingSettings(endpoint.config) };
    const after = {
      params: input.params ?? before.params,
      serving: input.config === undefined ? before.serving : parseServingSettings(endpoint.target.kind, input.config),
    };
    return applyTrafficPlan(prisma, actor, endpoint, currentPlan(endpoint), {
      via: "deploy",
      endpointConfig: { ...(endpoint.config as Record<string, unknown>), ...after },
      audit: {
        action: "endpoint.settings.update",
        details: { name: endpoint.name, changed: [...(input.params ? ["params"] : []), ...(input.config ? ["config"] : [])], before, after } as never,
      },
    });
  });
}
