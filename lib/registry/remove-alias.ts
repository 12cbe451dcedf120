import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { aliasNameSchema, modelNameSchema } from "@/lib/schemas/models";
import { withModelLock } from "./model-lock";
import { aliasKey, registryStore, type RegistryStore } from "./registry-store";

/** Removes an alias from the bucket and the mirror, under the model's lock. */
export async function removeAlias(prisma: PrismaClient, actor: Actor, rawModelName: string, rawAlias: string, store: RegistryStore = registryStore()): Promise<void> {
  const modelName = parseInput(modelNameSchema, rawModelName);
  const alias = parseInput(aliasNameSchema, rawAlias);
  await withModelLock(prisma, actor.teamId, modelName, async (tx) => {
    const current = await tx.modelAlias.findUnique({ where: { teamId_modelName_alias: { teamId: actor.teamId, modelName, alias } } });
    if (!current) throw new ConsoleError("not_found", `${modelName} has no alias ${alias}.`);
    await store.client.send(new DeleteObjectCommand({ Bucket: store.bucket, Key: aliasKey(modelName, alias) }));
    await tx.modelAlias.delete({ where: { id: current.id } });
    await auditBy(tx, actor, { action: "model.alias.remove", objectType: "model_alias", objectId: `${modelName}/${alias}`, details: { model: modelName, alias, from: current.version } });
  });
}
