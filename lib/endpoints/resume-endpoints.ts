import type { PrismaClient } from "@/lib/generated/prisma/client";
import { modelSourceOf } from "./builtin-model";
import { endpointBackendFor } from "./endpoint-backend";
import { ENDPOINT_INCLUDE } from "./endpoint-view";

/**
 * The database holds which endpoints should be served; after a console restart, serve them again.
 * A target that cannot serve is reported and skipped, never fatal to the start.
 */
export async function resumeEndpoints(prisma: PrismaClient, log: (message: string) => void): Promise<void> {
  const endpoints = await prisma.endpoint.findMany({ include: ENDPOINT_INCLUDE });
  for (const endpoint of endpoints) {
    const version = endpoint.deployments[0]?.modelVersion;
    if (!version) continue;
    try {
      await endpointBackendFor(endpoint.target).deploy({
        id: endpoint.id,
        name: endpoint.name,
        modelSource: await modelSourceOf(version, endpoint.target.kind, { prisma }),
        params: ((endpoint.config as { params?: Record<string, unknown> }).params ?? {}),
      });
      log(`serving endpoint ${endpoint.name} (${version.modelName}:${version.version}) on ${endpoint.target.name}`);
    } catch (error) {
      log(`endpoint ${endpoint.name} not resumed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
