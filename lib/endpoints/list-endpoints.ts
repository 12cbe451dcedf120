import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import type { EndpointRuntime } from "@/lib/providers/types";
import type { EndpointView } from "@/lib/schemas/endpoints";
import { endpointBackendFor } from "./endpoint-backend";
import { ENDPOINT_INCLUDE, toEndpointView, type EndpointRow } from "./endpoint-view";

/** The endpoint's state as its target reports it; a backend that cannot answer makes it "failed" with the reason. */
export async function runtimeOf(endpoint: EndpointRow): Promise<EndpointRuntime> {
  try {
    return await endpointBackendFor(endpoint.target).status(endpoint.id);
  } catch (error) {
    return { state: "failed", reason: error instanceof Error ? error.message : String(error), restarts: 0 };
  }
}

/** Endpoints with their live state as the target reports it. */
export async function listEndpoints(prisma: PrismaClient, actor: Actor): Promise<EndpointView[]> {
  const endpoints = await prisma.endpoint.findMany({ where: { teamId: actor.teamId }, include: ENDPOINT_INCLUDE, orderBy: { createdAt: "asc" } });
  return Promise.all(endpoints.map(async (endpoint) => toEndpointView(endpoint, await runtimeOf(endpoint))));
}

export async function getEndpoint(prisma: PrismaClient, actor: Actor, name: string): Promise<EndpointView> {
  const endpoint = await findEndpoint(prisma, actor, name);
  return toEndpointView(endpoint, await runtimeOf(endpoint));
}

export async function findEndpoint(prisma: PrismaClient, actor: Actor, name: string): Promise<EndpointRow> {
  const endpoint = await prisma.endpoint.findUnique({ where: { teamId_name: { teamId: actor.teamId, name } }, include: ENDPOINT_INCLUDE });
  if (!endpoint) throw new ConsoleError("not_found", `No endpoint named "${name}".`);
  return endpoint;
}
