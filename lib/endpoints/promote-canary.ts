import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors/validation";
import { canaryDecisionSchema, type EndpointView } from "@/lib/schemas/endpoints";
import { applyTrafficPlan } from "./apply-traffic-plan";
import { withEndpointLock } from "./endpoint-lock";
import { findEndpoint } from "./list-endpoints";
import { trafficBackendFor } from "./traffic-backend";
import { checkCanaryIs, currentPlan, describePlan, planPromoted } from "./traffic-plan";

/** Ends a canary release in its favour: the canary becomes the primary at 100 %, the old primary is retired. */
export async function promoteCanary(prisma: PrismaClient, actor: Actor, name: string, rawInput: unknown = {}): Promise<EndpointView> {
  const { canary } = parseInput(canaryDecisionSchema, rawInput ?? {});
  return withEndpointLock(`${actor.teamId}/${name}`, async () => {
    const endpoint = await findEndpoint(prisma, actor, name);
    trafficBackendFor(endpoint.target);
    const before = currentPlan(endpoint);
    checkCanaryIs(endpoint.name, before, canary);
    const plan = planPromoted(endpoint.name, before);
    return applyTrafficPlan(prisma, actor, endpoint, plan, {
      via: "shiftTraffic",
      audit: { action: "endpoint.canary.promote", details: { name: endpoint.name, before: describePlan(before), after: describePlan(plan) } },
    });
  });
}
