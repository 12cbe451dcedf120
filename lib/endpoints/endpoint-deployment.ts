import type { ModelVersion, PrismaClient, Target } from "@/lib/generated/prisma/client";
import type { EndpointDeployment, EndpointVariant } from "@/lib/providers/types";
import { modelSourceOf } from "./builtin-model";
import { storedParams, storedServingSettings } from "./serving-settings";

/** One model version the endpoint should serve, with its role and share of traffic. */
export interface PlannedVariant {
  /** The Deployment row it is, or null for a version not deployed yet (a new canary). */
  deploymentId: string | null;
  role: "primary" | "canary";
  modelVersion: ModelVersion;
  trafficPercent: number;
}

/**
 * What a backend is asked to serve: every planned variant (primary first) with its storage URI and
 * traffic share, the endpoint's serving settings, and — for the local target, which serves one
 * version from a folder — the primary's files.
 */
export async function endpointDeployment(
  prisma: PrismaClient,
  endpoint: { id: string; name: string; config: unknown; target: Target },
  plan: PlannedVariant[],
  overrides: { params?: Record<string, unknown>; config?: Record<string, unknown> } = {},
): Promise<EndpointDeployment> {
  const ordered = [...plan].sort((a, b) => (a.role === b.role ? 0 : a.role === "primary" ? -1 : 1));
  const primary = ordered[0];
  if (!primary) throw new Error(`endpoint ${endpoint.name} has no model version to serve`);
  const variants: EndpointVariant[] = ordered.map((variant) => ({
    role: variant.role,
    modelName: variant.modelVersion.modelName,
    version: variant.modelVersion.version,
    storageUri: variant.modelVersion.storageUri,
    format: variant.modelVersion.format,
    trafficPercent: variant.trafficPercent,
  }));
  return {
    id: endpoint.id,
    name: endpoint.name,
    modelSource: await modelSourceOf(primary.modelVersion, endpoint.target.kind, { prisma }),
    params: overrides.params ?? storedParams(endpoint.config),
    variants,
    config: overrides.config ?? storedServingSettings(endpoint.config),
  };
}
