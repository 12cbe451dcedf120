import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError, isUniqueViolation } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { createEndpointSchema, type EndpointView } from "@/lib/schemas/endpoints";
import { modelSourceOf } from "./builtin-model";
import { endpointBackendFor } from "./endpoint-backend";
import { ENDPOINT_INCLUDE, toEndpointView } from "./endpoint-view";

/** Records the endpoint (desired state) and asks the target to serve the model version. */
export async function createEndpoint(prisma: PrismaClient, actor: Actor, rawInput: unknown): Promise<EndpointView> {
  const input = parseInput(createEndpointSchema, rawInput);
  const target = await prisma.target.findUnique({ where: { teamId_name: { teamId: actor.teamId, name: input.target } } });
  if (!target) throw new ConsoleError("not_found", `No target named "${input.target}".`, { target: ["Unknown target"] });
  const backend = endpointBackendFor(target);
  const version = await prisma.modelVersion.findUnique({
    where: { teamId_modelName_version: { teamId: actor.teamId, modelName: input.model.name, version: input.model.version } },
  });
  if (!version) throw new ConsoleError("not_found", `No model version ${input.model.name}:${input.model.version}.`, { model: ["Unknown model version"] });

  let endpoint;
  try {
    endpoint = await prisma.$transaction(async (tx) => {
      const created = await tx.endpoint.create({
        data: { teamId: actor.teamId, name: input.name, targetId: target.id, status: "Deploying", config: { params: input.params }, createdById: actor.userId },
      });
      await tx.deployment.create({ data: { endpointId: created.id, modelVersionId: version.id, trafficPercent: 100, status: "Deploying" } });
      await auditBy(tx, actor, {
        action: "endpoint.create",
        objectType: "endpoint",
        objectId: created.id,
        details: { name: input.name, target: target.name, model: `${version.modelName}:${version.version}` },
      });
      return tx.endpoint.findUniqueOrThrow({ where: { id: created.id }, include: ENDPOINT_INCLUDE });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConsoleError("conflict", `An endpoint named "${input.name}" already exists.`, { name: ["This name is taken"] });
    throw error;
  }
  await backend.deploy({ id: endpoint.id, name: endpoint.name, modelSource: await modelSourceOf(version, target.kind, { prisma }), params: input.params });
  return toEndpointView(endpoint, await backend.status(endpoint.id));
}
