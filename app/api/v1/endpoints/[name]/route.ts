import { apiRoute } from "@/lib/api/api-route";
import { deleteEndpoint } from "@/lib/endpoints/delete-endpoint";
import { getEndpoint } from "@/lib/endpoints/list-endpoints";

type Params = { name: string };

// GET /api/v1/endpoints/{name} – one endpoint and its live state
export const GET = apiRoute<Params>({ role: "viewer" }, ({ prisma, actor, params }) => getEndpoint(prisma, actor, decodeURIComponent(params.name)));

// DELETE /api/v1/endpoints/{name} – stop serving and remove the endpoint
export const DELETE = apiRoute<Params>({ role: "editor" }, async ({ prisma, actor, params }) => {
  await deleteEndpoint(prisma, actor, decodeURIComponent(params.name));
  return new Response(null, { status: 204 });
});
