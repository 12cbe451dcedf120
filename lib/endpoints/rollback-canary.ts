import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors/validation";
import { canaryDecisionSchema, type EndpointView } from "@/lib/schemas/endpoints";
import { applyTrafficPlan } from "./apply-traffic-plan";
import { withEndpointLock } from "./endpoint-lock";
import { findEndpoint } from "./list-endpoints";
import { trafficBackendFor } from "./traffic-backend";
import { checkCanaryIs, currentPlan, describePlan, planRolledBack } from "./traffic-plan";

/** Ends a canary release against it: the canary is retired and the primary takes all traffic again. */
export async function rollbackCanary(prisma: PrismaClient, actor: Actor, name: string, rawInput: unknown = {}): Promise<EndpointView> {
  const { canary } = parseInput(canaryDecisionSchema, rawInput ?? {});
  return withEndpointLock(`${actor.teamId}/${name}`, async () => {
    const endpoint = await findEndpoint(prisma, actor, name);
    trafficBackendFor(endpoint.target);
    const before = currentPlan(endpoint);
    checkCanaryIs(endpoint.name, before, canary);
    const plan = planRolledBack(endpoint.name, before);
    return applyTrafficPlan(prisma, actor, endpoint, plan, {
      via: "shiftTraffic",
      audit: { action: "endpoint.canary.rollback", details: { name: endpoint.name, before: describePlan(before), after: describePlan(plan) } },
    });
  });
}
