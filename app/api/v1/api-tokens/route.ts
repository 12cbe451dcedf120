import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";

// GET /api/v1/api-tokens – the caller's tokens, without secrets
export const GET = apiRoute("GET /api/v1/api-tokens", async ({ prisma, actor }) => ({ items: await listApiTokens(prisma, actor) }));

// POST /api/v1/api-tokens – create a token; the secret is in this answer only
export const POST = apiRoute("POST /api/v1/api-tokens", async ({ request, prisma, actor }) =>
  createApiToken(prisma, actor, await readJsonBody(request)),
);
