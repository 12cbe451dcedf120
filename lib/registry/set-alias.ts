import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { actorLabel } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { aliasNameSchema, modelNameSchema, setAliasSchema, type AliasObject, type AliasView } from "@/lib/schemas/models";
import { putObjectText } from "@/lib/storage/put-object";
import { toAliasView } from "./alias-view";
import { withModelLock } from "./model-lock";
import { aliasKey, registryStore, type RegistryStore } from "./registry-store";
import { pendingOf } from "./reserve-version";

/**
 * Points an alias (production, staging, …) at a version, or moves it: the alias file
 * `<model>/_aliases/<alias>.json` in the bucket and its mirror row are written under the model's
 * lock. With `expectedVersion`, the move is refused when someone else moved the alias since the
 * caller looked (a conditional write; null means "the alias must not exist yet").
 */
export async function setAlias(
  prisma: PrismaClient,
  actor: Actor,
  rawModelName: string,
  rawAlias: string,
  rawInput: unknown,
  store: RegistryStore = registryStore(),
): Promise<AliasView> {
  const modelName = parseInput(modelNameSchema, rawModelName);
  const alias = parseInput(aliasNameSchema, rawAlias);
  const input = parseInput(setAliasSchema, rawInput);
  return withModelLock(prisma, actor.teamId, modelName, async (tx) => {
    const version = await tx.modelVersion.findUnique({ where: { teamId_modelName_version: { teamId: actor.teamId, modelName, version: input.version } } });
    if (!version) throw new ConsoleError("not_found", `No version ${input.version} of ${modelName}.`, { version: ["Unknown version"] });
    if (pendingOf(version.manifest)) throw new ConsoleError("conflict", `${modelName}:${input.version} is still uploading.`);
    const current = await tx.modelAlias.findUnique({ where: { teamId_modelName_alias: { teamId: actor.teamId, modelName, alias } } });
    if (input.expectedVersion !== undefined && (current?.version ?? null) !== input.expectedVersion) {
      throw new ConsoleError(
        "conflict",
        current
          ? `${alias} was moved to version ${current.version} by ${current.setByLabel} at ${current.setAt.toISOString()}; look again before moving it.`
          : `${alias} is not set any more; look again before moving it.`,
      );
    }
    if (current?.version === input.version) return toAliasView(current);

    const setAt = new Date();
    const label = actorLabel(actor);
    const body: AliasObject & { previousVersion: string | null } = {
      alias,
      version: input.version,
      setBy: { id: actor.userId, label },
      setAt: setAt.toISOString(),
      previousVersion: current?.version ?? null,
    };
    const { etag } = await putObjectText(store.client, store.bucket, aliasKey(modelName, alias), `${JSON.stringify(body, null, 2)}\n`);
    const data = { version: input.version, setById: actor.userId, setByLabel: label, setAt, etag };
    const row = await tx.modelAlias.upsert({
      where: { teamId_modelName_alias: { teamId: actor.teamId, modelName, alias } },
      create: { teamId: actor.teamId, modelName, alias, ...data },
      update: data,
    });
    await auditBy(tx, actor, {
      action: "model.alias.set",
      objectType: "model_alias",
      objectId: `${modelName}/${alias}`,
      details: { model: modelName, alias, from: current?.version ?? null, to: input.version },
    });
    return toAliasView(row);
  });
}
