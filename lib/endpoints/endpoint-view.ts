import type { Endpoint, ModelVersion, Target } from "@/lib/generated/prisma/client";
import type { EndpointRuntime } from "@/lib/providers/types";
import type { EndpointView } from "@/lib/schemas/endpoints";

export type EndpointRow = Endpoint & { target: Target; deployments: Array<{ modelVersion: ModelVersion }> };

export const ENDPOINT_INCLUDE = {
  target: true,
  deployments: { include: { modelVersion: true }, orderBy: { trafficPercent: "desc" as const }, take: 1 },
} as const;

export function toEndpointView(endpoint: EndpointRow, runtime: EndpointRuntime): EndpointView {
  const version = endpoint.deployments[0]?.modelVersion;
  return {
    id: endpoint.id,
    name: endpoint.name,
    target: endpoint.target.name,
    targetKind: endpoint.target.kind,
    model: { name: version?.modelName ?? "", version: version?.version ?? "" },
    params: ((endpoint.config as { params?: Record<string, unknown> }).params ?? {}) as Record<string, unknown>,
    state: runtime.state,
    reason: runtime.reason,
    restarts: runtime.restarts,
    createdAt: endpoint.createdAt.toISOString(),
  };
}
