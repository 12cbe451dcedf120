import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { deleteEndpoint } from "@/lib/endpoints/delete-endpoint";
import { getEndpoint } from "@/lib/endpoints/list-endpoints";
import { promoteCanary } from "@/lib/endpoints/promote-canary";
import { rollbackCanary } from "@/lib/endpoints/rollback-canary";
import { updateEndpointSettings } from "@/lib/endpoints/update-endpoint-settings";
import { ConsoleError } from "@/lib/errors/console-error";

type Params = { name: string };

// GET /api/v1/endpoints/{name} – one endpoint and its live state
export const GET = apiRoute<Params>({ role: "viewer" }, ({ prisma, actor, params }) => getEndpoint(prisma, actor, decodeURIComponent(params.name)));

// PATCH /api/v1/endpoints/{name} – change serving settings and/or PaddleOCR parameters
export const PATCH = apiRoute<Params>({ role: "editor" }, async ({ request, prisma, actor, params }) =>
  updateEndpointSettings(prisma, actor, decodeURIComponent(params.name), await readJsonBody(request)),
);

// POST /api/v1/endpoints/{name}:promote – the canary becomes the primary at 100%
// POST /api/v1/endpoints/{name}:rollback – the canary is retired, the primary back to 100%
export const POST = apiRoute<Params>({ role: "editor" }, async ({ request, prisma, actor, params }) => {
  const id = decodeURIComponent(params.name);
  const colon = id.lastIndexOf(":");
  const [name, verb] = colon > 0 ? [id.slice(0, colon), id.slice(colon + 1)] : [id, ""];
  if (verb === "promote") return promoteCanary(prisma, actor, name, await readJsonBody(request));
  if (verb === "rollback") return rollbackCanary(prisma, actor, name, await readJsonBody(request));
  throw new ConsoleError("not_found", "Use POST /api/v1/endpoints/{name}:promote or POST /api/v1/endpoints/{name}:rollback.");
});

// DELETE /api/v1/endpoints/{name} – stop serving and remove the endpoint
export const DELETE = apiRoute<Params>({ role: "editor" }, async ({ prisma, actor, params }) => {
  await deleteEndpoint(prisma, actor, decodeURIComponent(params.name));
  return new Response(null, { status: 204 });
});
