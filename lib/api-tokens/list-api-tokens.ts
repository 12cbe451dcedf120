import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { ApiTokenView } from "@/lib/schemas/api-tokens";
import { toApiTokenView } from "./api-token-view";

export async function listApiTokens(prisma: PrismaClient, actor: Actor): Promise<ApiTokenView[]> {
  const tokens = await prisma.apiToken.findMany({ where: { userId: actor.userId }, orderBy: { createdAt: "desc" } });
  return tokens.map(toApiTokenView);
}
