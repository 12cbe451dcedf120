import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { modelNameSchema, type AliasView } from "@/lib/schemas/models";
import { toAliasView } from "./alias-view";

/** A model's header facts for its page: how many versions, its aliases with who set them and when. */
export async function getModel(prisma: PrismaClient, actor: Actor, rawModelName: string): Promise<{ name: string; versionCount: number; aliases: AliasView[] }> {
  const name = parseInput(modelNameSchema, rawModelName);
  const [versionCount, aliases] = await Promise.all([
    prisma.modelVersion.count({ where: { teamId: actor.teamId, modelName: name } }),
    prisma.modelAlias.findMany({ where: { teamId: actor.teamId, modelName: name }, orderBy: { alias: "asc" } }),
  ]);
  if (versionCount === 0 && aliases.length === 0) throw new ConsoleError("not_found", `No model named ${name}.`);
  return { name, versionCount, aliases: aliases.map(toAliasView) };
}
