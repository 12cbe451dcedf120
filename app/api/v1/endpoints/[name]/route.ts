import { apiRoute, customMethods, readJsonBody } from "@/lib/api/api-route";
import { deleteEndpoint } from "@/lib/endpoints/delete-endpoint";
import { getEndpoint } from "@/lib/endpoints/list-endpoints";
import { promoteCanary } from "@/lib/endpoints/promote-canary";
import { rollbackCanary } from "@/lib/endpoints/rollback-canary";
import { updateEndpointSettings } from "@/lib/endpoints/update-endpoint-settings";

type Params = { name: string };

// GET /api/v1/endpoints/{name} – one endpoint and its live state
export const GET = apiRoute<Params>("GET /api/v1/endpoints/{name}", ({ prisma, actor, params }) => getEndpoint(prisma, actor, decodeURIComponent(params.name)));

// PATCH /api/v1/endpoints/{name} – change serving settings and/or PaddleOCR parameters
export const PATCH = apiRoute<Params>("PATCH /api/v1/endpoints/{name}", async ({ request, prisma, actor, params }) =>
  updateEndpointSettings(prisma, actor, decodeURIComponent(params.name), await readJsonBody(request)),
);

// POST /api/v1/endpoints/{name}:promote – the canary becomes the primary at 100%
// POST /api/v1/endpoints/{name}:rollback – the canary is retired, the primary back to 100%
export const POST = customMethods<Params>("name", {
  promote: apiRoute<Params>("POST /api/v1/endpoints/{name}:promote", async ({ request, prisma, actor, params }) =>
    promoteCanary(prisma, actor, decodeURIComponent(params.name), await readJsonBody(request)),
  ),
  rollback: apiRoute<Params>("POST /api/v1/endpoints/{name}:rollback", async ({ request, prisma, actor, params }) =>
    rollbackCanary(prisma, actor, decodeURIComponent(params.name), await readJsonBody(request)),
  ),
});

// DELETE /api/v1/endpoints/{name} – stop serving and remove the endpoint
export const DELETE = apiRoute<Params>("DELETE /api/v1/endpoints/{name}", async ({ prisma, actor, params }) => {
  await deleteEndpoint(prisma, actor, decodeURIComponent(params.name));
  return new Response(null, { status: 204 });
});
