import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors/validation";
import { canaryDecisionSchema, type EndpointView } from "@/lib/schemas/endpoints";
import { applyTrafficPlan } from "./apply-traffic-plan";
import { withEndpointLock } from "./endpoint-lock";
import { findEndpoint } from "./list-endpoints";
import { trafficBackendFor } from "./traffic-backend";
import { checkCanaryIs, currentPlan, describePlan, planPromoted, planRolledBack } from "./traffic-plan";

/**
 * Ends a canary release: `promote` makes the canary the primary at 100 % and retires the old primary;
 * `rollback` retires the canary and gives the primary all traffic again.
 */
export async function endCanary(prisma: PrismaClient, actor: Actor, name: string, decision: "promote" | "rollback", rawInput: unknown = {}): Promise<EndpointView> {
  const { canary } = parseInput(canaryDecisionSchema, rawInput ?? {});
  return withEndpointLock(`${actor.teamId}/${name}`, async () => {
    const endpoint = await findEndpoint(prisma, actor, name);
    trafficBackendFor(endpoint.target);
    const before = currentPlan(endpoint);
    checkCanaryIs(endpoint.name, before, canary);
    const plan = decision === "promote" ? planPromoted(endpoint.name, before) : planRolledBack(endpoint.name, before);
    return applyTrafficPlan(prisma, actor, endpoint, plan, {
      via: "shiftTraffic",
      audit: { action: `endpoint.canary.${decision}`, details: { name: endpoint.name, before: describePlan(before), after: describePlan(plan) } },
    });
  });
}
