import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import type { EndpointView } from "@/lib/schemas/endpoints";
import { endpointBackendFor } from "./endpoint-backend";
import { endpointDeployment, type PlannedVariant } from "./endpoint-deployment";
import { ENDPOINT_INCLUDE, toEndpointView, type EndpointRow } from "./endpoint-view";
import { runtimeOf } from "./list-endpoints";

export interface TrafficChange {
  /** `deploy` when a model version is added (or settings change), `shiftTraffic` when only weights or the set of variants shrink. */
  via: "deploy" | "shiftTraffic";
  audit: { action: string; details: Prisma.InputJsonValue };
  /** Settings to record with the change (already checked by the target kind's schema). */
  endpointConfig?: Record<string, unknown>;
}

/**
 * Asks the backend to serve the plan, then records it: planned variants are created or updated,
 * the endpoint's other deployments retired, and the step audited — all in one transaction. The
 * backend goes first so a refusal (an endpoint still updating, a model it cannot read) changes
 * nothing here; a restart in between re-deploys what the database says, which is the old state.
 */
export async function applyTrafficPlan(prisma: PrismaClient, actor: Actor, endpoint: EndpointRow, plan: PlannedVariant[], change: TrafficChange): Promise<EndpointView> {
  const backend = endpointBackendFor(endpoint.target);
  const config = change.endpointConfig ?? endpoint.config;
  const deployment = await endpointDeployment(prisma, { ...endpoint, config }, plan);
  if (change.via === "shiftTraffic" && backend.shiftTraffic) await backend.shiftTraffic(deployment);
  else await backend.deploy(deployment);

  const updated = await prisma.$transaction(async (tx) => {
    const kept = new Set<string>();
    for (const variant of plan) {
      const data = { role: variant.role, trafficPercent: variant.trafficPercent, status: "Serving" };
      if (variant.deploymentId) {
        kept.add(variant.deploymentId);
        await tx.deployment.update({ where: { id: variant.deploymentId }, data });
      } else {
        await tx.deployment.create({ data: { ...data, endpointId: endpoint.id, modelVersionId: variant.modelVersion.id } });
      }
    }
    const retired = endpoint.deployments.filter((d) => !kept.has(d.id)).map((d) => d.id);
    if (retired.length > 0) {
      await tx.deployment.updateMany({ where: { id: { in: retired } }, data: { retiredAt: new Date(), trafficPercent: 0, status: "Retired" } });
    }
    if (change.endpointConfig) await tx.endpoint.update({ where: { id: endpoint.id }, data: { config: change.endpointConfig as Prisma.InputJsonValue } });
    await auditBy(tx, actor, { action: change.audit.action, objectType: "endpoint", objectId: endpoint.id, details: change.audit.details });
    return tx.endpoint.findUniqueOrThrow({ where: { id: endpoint.id }, include: ENDPOINT_INCLUDE });
  });
  return toEndpointView(updated, await runtimeOf(updated));
}
