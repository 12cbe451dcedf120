import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { parseInput } from "@/lib/errors/validation";
import { createApiTokenSchema, type ApiTokenView } from "@/lib/schemas/api-tokens";
import { API_TOKEN_PREFIX, toApiTokenView } from "./api-token-view";

/** Creates a token acting as the actor. The secret is returned this once and stored only hashed. */
export async function createApiToken(
  prisma: PrismaClient,
  actor: Actor,
  rawInput: unknown,
): Promise<{ token: ApiTokenView; secret: string }> {
  const { name } = parseInput(createApiTokenSchema, rawInput);
  const secret = newToken(API_TOKEN_PREFIX);
  const token = await registerApiToken(prisma, actor.userId, name, secret);
  await auditBy(prisma, actor, { action: "api-token.create", objectType: "api-token", objectId: token.id, details: { name } });
  return { token: toApiTokenView(token), secret };
}

/** Stores a token whose secret is already chosen (also used for CONSOLE_API_TOKEN at first start). */
export function registerApiToken(prisma: PrismaClient, userId: string, name: string, secret: string) {
  return prisma.apiToken.create({
    data: { name, userId, tokenHash: hashToken(secret), prefix: secret.slice(0, API_TOKEN_PREFIX.length + 4) },
  });
}
