import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";

export interface ModelVersionSummary {
  id: string;
  modelName: string;
  version: string;
  format: string | null;
  storageUri: string;
  metrics: Record<string, unknown>;
  createdAt: string;
  endpoints: string[];
}

/**
 * The team's registered model versions as the database knows them. The registry issue adds the
 * object-store scan (MinIO / S3) that feeds this table with versions written by other tools.
 */
export async function listModelVersions(prisma: PrismaClient, actor: Actor): Promise<ModelVersionSummary[]> {
  const versions = await prisma.modelVersion.findMany({
    where: { teamId: actor.teamId },
    orderBy: [{ modelName: "asc" }, { createdAt: "desc" }],
    take: 500,
    include: { deployments: { include: { endpoint: { select: { name: true } } } } },
  });
  return versions.map((v) => ({
    id: v.id,
    modelName: v.modelName,
    version: v.version,
    format: v.format,
    storageUri: v.storageUri,
    metrics: (v.metrics ?? {}) as Record<string, unknown>,
    createdAt: v.createdAt.toISOString(),
    endpoints: [...new Set(v.deployments.map((d) => d.endpoint.name))],
  }));
}
