import type { PrismaClient } from "@/lib/generated/prisma/client";
import { endpointBackendFor } from "./endpoint-backend";
import { endpointDeployment } from "./endpoint-deployment";
import { ENDPOINT_INCLUDE } from "./endpoint-view";
import { currentPlan, describePlan } from "./traffic-plan";

/**
 * The database holds which endpoints should be served; after a console restart, serve them again —
 * every variant with its traffic share and the endpoint's serving settings, so a canary release in
 * progress stays as it was (a container target finds its objects already there and changes nothing).
 * A target that cannot serve is reported and skipped, never fatal to the start.
 */
export async function resumeEndpoints(prisma: PrismaClient, log: (message: string) => void): Promise<void> {
  const endpoints = await prisma.endpoint.findMany({ include: ENDPOINT_INCLUDE, orderBy: { createdAt: "asc" } });
  for (const endpoint of endpoints) {
    const plan = currentPlan(endpoint);
    if (plan.length === 0) continue;
    const serving = Object.entries(describePlan(plan))
      .map(([version, percent]) => (plan.length > 1 ? `${version} ${percent}%` : version))
      .join(", ");
    try {
      await endpointBackendFor(endpoint.target).deploy(await endpointDeployment(prisma, endpoint, plan));
      log(`serving endpoint ${endpoint.name} (${serving}) on ${endpoint.target.name}`);
    } catch (error) {
      log(`endpoint ${endpoint.name} not resumed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
