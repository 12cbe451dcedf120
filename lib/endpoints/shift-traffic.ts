import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors/validation";
import { shiftTrafficSchema, type EndpointView } from "@/lib/schemas/endpoints";
import { applyTrafficPlan } from "./apply-traffic-plan";
import { withEndpointLock } from "./endpoint-lock";
import { findEndpoint } from "./list-endpoints";
import { trafficBackendFor } from "./traffic-backend";
import { currentPlan, describePlan, planShifted } from "./traffic-plan";

/** One step of a canary release: the canary takes `canaryPercent` of the traffic, the primary the rest. */
export async function shiftTraffic(prisma: PrismaClient, actor: Actor, name: string, rawInput: unknown): Promise<EndpointView> {
  const { canaryPercent } = parseInput(shiftTrafficSchema, rawInput);
  return withEndpointLock(`${actor.teamId}/${name}`, async () => {
    const endpoint = await findEndpoint(prisma, actor, name);
    trafficBackendFor(endpoint.target);
    const before = currentPlan(endpoint);
    const plan = planShifted(endpoint.name, before, canaryPercent);
    return applyTrafficPlan(prisma, actor, endpoint, plan, {
      via: "shiftTraffic",
      audit: { action: "endpoint.traffic.shift", details: { name: endpoint.name, canaryPercent, before: describePlan(before), after: describePlan(plan) } },
    });
  });
}
