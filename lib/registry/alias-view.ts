import type { ModelAlias } from "@/lib/generated/prisma/client";
import type { AliasView } from "@/lib/schemas/models";

export function toAliasView(row: ModelAlias): AliasView {
  return { alias: row.alias, version: row.version, setBy: row.setByLabel, setAt: row.setAt.toISOString() };
}
