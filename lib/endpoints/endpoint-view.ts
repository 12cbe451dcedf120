import type { Deployment, Endpoint, ModelVersion, Prisma, Target } from "@/lib/generated/prisma/client";
import type { EndpointRuntime } from "@/lib/providers/types";
import type { EndpointVariantView, EndpointView } from "@/lib/schemas/endpoints";
import { liveStatusOf } from "./live-status";
import { storedParams, storedServingSettings } from "./serving-settings";

export type DeploymentRow = Deployment & { modelVersion: ModelVersion };
export type EndpointRow = Endpoint & { target: Target; deployments: DeploymentRow[] };

/** An endpoint with the deployments it serves now (retired ones are history), oldest first. */
export const ENDPOINT_INCLUDE = {
  target: true,
  deployments: { where: { retiredAt: null }, include: { modelVersion: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} satisfies Prisma.EndpointInclude;

/** Targets that can split traffic between two model versions of one endpoint. */
export const TRAFFIC_SPLITTING_KINDS: readonly string[] = ["kubernetes", "sagemaker"];

/** The primary deployment (the one taking the most traffic when an old row has no role). */
export function primaryOf(endpoint: Pick<EndpointRow, "deployments">): DeploymentRow | undefined {
  return endpoint.deployments.find((d) => d.role === "primary") ?? [...endpoint.deployments].sort((a, b) => b.trafficPercent - a.trafficPercent)[0];
}

export function canaryOf(endpoint: Pick<EndpointRow, "deployments">): DeploymentRow | undefined {
  const primary = primaryOf(endpoint);
  return endpoint.deployments.find((d) => d.role === "canary" && d !== primary);
}

export function toEndpointView(endpoint: EndpointRow, runtime: EndpointRuntime): EndpointView {
  const primary = primaryOf(endpoint);
  const canary = canaryOf(endpoint);
  const variants: EndpointVariantView[] = [primary, canary]
    .filter((d): d is DeploymentRow => Boolean(d))
    .map((d) => ({
      role: d === primary ? "primary" : "canary",
      model: { name: d.modelVersion.modelName, version: d.modelVersion.version },
      trafficPercent: d.trafficPercent,
      since: d.updatedAt.toISOString(),
    }));
  return {
    id: endpoint.id,
    name: endpoint.name,
    target: endpoint.target.name,
    targetKind: endpoint.target.kind,
    model: { name: primary?.modelVersion.modelName ?? "", version: primary?.modelVersion.version ?? "" },
    params: storedParams(endpoint.config),
    state: runtime.state,
    reason: runtime.reason,
    restarts: runtime.restarts,
    createdAt: endpoint.createdAt.toISOString(),
    variants,
    config: storedServingSettings(endpoint.config),
    canSplitTraffic: TRAFFIC_SPLITTING_KINDS.includes(endpoint.target.kind),
    live: liveStatusOf(runtime),
  };
}
