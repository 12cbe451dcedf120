import { apiRoute, customMethods } from "@/lib/api/api-route";
import { checkTarget } from "@/lib/targets/check-target";
import { deleteTarget } from "@/lib/targets/delete-target";

type Params = { name: string };

// POST /api/v1/targets/{name}:check – test the connection (custom methods use the `:verb` suffix)
export const POST = customMethods<Params>("name", {
  check: apiRoute<Params>("POST /api/v1/targets/{name}:check", ({ prisma, actor, params }) => checkTarget(prisma, actor, decodeURIComponent(params.name))),
});

// DELETE /api/v1/targets/{name} – remove a target without runs or endpoints
export const DELETE = apiRoute<Params>("DELETE /api/v1/targets/{name}", async ({ prisma, actor, params }) => {
  await deleteTarget(prisma, actor, decodeURIComponent(params.name));
  return new Response(null, { status: 204 });
});
