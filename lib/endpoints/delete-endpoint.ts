import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { endpointBackendFor } from "./endpoint-backend";
import { findEndpoint } from "./list-endpoints";

/** Stops serving, then forgets the endpoint and its test history. */
export async function deleteEndpoint(prisma: PrismaClient, actor: Actor, name: string): Promise<void> {
  const endpoint = await findEndpoint(prisma, actor, name);
  await endpointBackendFor(endpoint.target).undeploy(endpoint.id);
  await prisma.$transaction(async (tx) => {
    await tx.endpoint.delete({ where: { id: endpoint.id } });
    await auditBy(tx, actor, { action: "endpoint.delete", objectType: "endpoint", objectId: endpoint.id, details: { name } });
  });
}
