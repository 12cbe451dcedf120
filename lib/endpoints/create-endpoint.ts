import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError, isUniqueViolation } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { createEndpointSchema, type EndpointView } from "@/lib/schemas/endpoints";
import { endpointBackendFor } from "./endpoint-backend";
import { endpointDeployment } from "./endpoint-deployment";
import { ENDPOINT_INCLUDE, toEndpointView } from "./endpoint-view";
import { runtimeOf } from "./list-endpoints";
import { assertServable } from "./servable-version";
import { parseServingSettings } from "./serving-settings";

/**
 * Records the endpoint (desired state) and asks the target to serve the model version with the
 * endpoint's serving settings. When the target refuses, nothing stays behind: the record goes and
 * the refusal is audited.
 */
export async function createEndpoint(prisma: PrismaClient, actor: Actor, rawInput: unknown): Promise<EndpointView> {
  const input = parseInput(createEndpointSchema, rawInput);
  const target = await prisma.target.findUnique({ where: { teamId_name: { teamId: actor.teamId, name: input.target } } });
  if (!target) throw new ConsoleError("not_found", `No target named "${input.target}".`, { target: ["Unknown target"] });
  const backend = endpointBackendFor(target);
  const serving = parseServingSettings(target.kind, input.config);
  const version = await prisma.modelVersion.findUnique({
    where: { teamId_modelName_version: { teamId: actor.teamId, modelName: input.model.name, version: input.model.version } },
  });
  if (!version) throw new ConsoleError("not_found", `No model version ${input.model.name}:${input.model.version}.`, { model: ["Unknown model version"] });
  assertServable(version, target.kind);

  let endpoint;
  try {
    endpoint = await prisma.$transaction(async (tx) => {
      const created = await tx.endpoint.create({
        data: {
          teamId: actor.teamId,
          name: input.name,
          targetId: target.id,
          status: "Deploying",
          config: { params: input.params, serving } as Prisma.InputJsonValue,
          createdById: actor.userId,
        },
      });
      await tx.deployment.create({ data: { endpointId: created.id, modelVersionId: version.id, role: "primary", trafficPercent: 100, status: "Deploying" } });
      await auditBy(tx, actor, {
        action: "endpoint.create",
        objectType: "endpoint",
        objectId: created.id,
        details: { name: input.name, target: target.name, model: `${version.modelName}:${version.version}`, ...(Object.keys(serving).length > 0 ? { config: serving as Prisma.InputJsonValue } : {}) },
      });
      return tx.endpoint.findUniqueOrThrow({ where: { id: created.id }, include: ENDPOINT_INCLUDE });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConsoleError("conflict", `An endpoint named "${input.name}" already exists.`, { name: ["This name is taken"] });
    throw error;
  }
  const [primary] = endpoint.deployments;
  try {
    await backend.deploy(await endpointDeployment(prisma, endpoint, [{ deploymentId: primary!.id, role: "primary", modelVersion: version, trafficPercent: 100 }]));
  } catch (error) {
    // Whatever the target made before refusing goes too, so the name can be used again at once.
    await backend.undeploy(endpoint.id).catch(() => undefined);
    await prisma.$transaction(async (tx) => {
      await tx.endpoint.delete({ where: { id: endpoint.id } });
      await auditBy(tx, actor, {
        action: "endpoint.create.failed",
        objectType: "endpoint",
        objectId: endpoint.id,
        details: { name: input.name, target: target.name, reason: error instanceof Error ? error.message : String(error) },
      });
    });
    throw error;
  }
  return toEndpointView(endpoint, await runtimeOf(endpoint));
}
