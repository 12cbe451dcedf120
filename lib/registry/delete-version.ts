import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { BUILTIN_STORAGE_URI } from "@/lib/endpoints/builtin-model";
import { deleteVersionSchema, modelNameSchema, versionNameSchema } from "@/lib/schemas/models";
import { deletePrefix } from "@/lib/storage/delete-objects";
import { abortPendingUpload } from "./upload-session";
import { withModelLock } from "./model-lock";
import { registryStore, versionPrefix, type RegistryStore } from "./registry-store";

/**
 * Deletes a version: its folder in the bucket (an existing object it only recorded stays where
 * it is) and its mirror row. Refused while an endpoint serves it or an alias points at it, and
 * only with the type-to-confirm text `<model>:<version>`.
 */
export async function deleteVersion(
  prisma: PrismaClient,
  actor: Actor,
  rawModelName: string,
  rawVersion: string,
  rawInput: unknown,
  store: RegistryStore = registryStore(),
): Promise<void> {
  const modelName = parseInput(modelNameSchema, rawModelName);
  const version = parseInput(versionNameSchema, rawVersion);
  const { confirm } = parseInput(deleteVersionSchema, rawInput);
  if (confirm !== `${modelName}:${version}`) {
    throw new ConsoleError("bad_request", `Type ${modelName}:${version} to confirm the deletion.`, { confirm: [`Type ${modelName}:${version}`] });
  }
  await withModelLock(prisma, actor.teamId, modelName, async (tx) => {
    const row = await tx.modelVersion.findUnique({
      where: { teamId_modelName_version: { teamId: actor.teamId, modelName, version } },
      include: { deployments: { where: { retiredAt: null }, include: { endpoint: { select: { name: true } } } } },
    });
    if (!row) throw new ConsoleError("not_found", `No version ${version} of ${modelName}.`);
    if (row.storageUri === BUILTIN_STORAGE_URI) throw new ConsoleError("conflict", "The built-in PP-OCRv4 models ship with the console and cannot be deleted.");
    if (row.deployments.length > 0) {
      const endpoints = [...new Set(row.deployments.map((d) => d.endpoint.name))].join(", ");
      throw new ConsoleError("conflict", `${modelName}:${version} is deployed (endpoint ${endpoints}); undeploy it first.`);
    }
    const aliases = await tx.modelAlias.findMany({ where: { teamId: actor.teamId, modelName, version }, orderBy: { alias: "asc" } });
    if (aliases.length > 0) {
      throw new ConsoleError("conflict", `${aliases.map((a) => a.alias).join(", ")} point${aliases.length === 1 ? "s" : ""} at ${modelName}:${version}; move ${aliases.length === 1 ? "it" : "them"} first.`);
    }
    await abortPendingUpload(store, row.manifest);
    const objects = await deletePrefix(store.client, store.bucket, versionPrefix(modelName, version));
    // Endpoints' past deployments of this version are history that cannot outlive it.
    await tx.deployment.deleteMany({ where: { modelVersionId: row.id, retiredAt: { not: null } } });
    await tx.modelVersion.delete({ where: { id: row.id } });
    await auditBy(tx, actor, { action: "model.version.delete", objectType: "model_version", objectId: row.id, details: { model: modelName, version, objects } });
  });
}
