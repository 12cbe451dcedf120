import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { deployCanarySchema, type EndpointView } from "@/lib/schemas/endpoints";
import { applyTrafficPlan } from "./apply-traffic-plan";
import { withEndpointLock } from "./endpoint-lock";
import { findEndpoint } from "./list-endpoints";
import { assertServable } from "./servable-version";
import { trafficBackendFor } from "./traffic-backend";
import { currentPlan, describePlan, planWithCanary } from "./traffic-plan";

/**
 * Deploys a second model version beside the endpoint's primary as its canary, taking a share of
 * the traffic (0 % for a blue/green release that shifts later). The backend adds the variant
 * (a PaddleService canary, a SageMaker production variant) before anything is recorded.
 */
export async function deployCanary(prisma: PrismaClient, actor: Actor, name: string, rawInput: unknown): Promise<EndpointView> {
  const input = parseInput(deployCanarySchema, rawInput);
  return withEndpointLock(`${actor.teamId}/${name}`, async () => {
    const endpoint = await findEndpoint(prisma, actor, name);
    trafficBackendFor(endpoint.target);
    const version = await prisma.modelVersion.findUnique({
      where: { teamId_modelName_version: { teamId: actor.teamId, modelName: input.model.name, version: input.model.version } },
    });
    if (!version) throw new ConsoleError("not_found", `No model version ${input.model.name}:${input.model.version}.`, { model: ["Unknown model version"] });
    assertServable(version, endpoint.target.kind);
    const before = currentPlan(endpoint);
    const plan = planWithCanary(endpoint.name, before, version, input.trafficPercent);
    return applyTrafficPlan(prisma, actor, endpoint, plan, {
      via: "deploy",
      audit: {
        action: "endpoint.canary.deploy",
        details: { name: endpoint.name, canary: `${version.modelName}:${version.version}`, trafficPercent: input.trafficPercent, before: describePlan(before), after: describePlan(plan) },
      },
    });
  });
}
