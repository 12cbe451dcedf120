import type { ApiToken } from "@/lib/generated/prisma/client";
import type { ApiTokenView } from "@/lib/schemas/api-tokens";

export const API_TOKEN_PREFIX = "ocrc_";

export function toApiTokenView(token: ApiToken): ApiTokenView {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
