import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { removeAlias } from "@/lib/registry/remove-alias";
import { setAlias } from "@/lib/registry/set-alias";

type Params = { name: string; alias: string };

// PUT /api/v1/models/{name}/aliases/{alias} – point an alias at a version, or move it
export const PUT = apiRoute<Params>("PUT /api/v1/models/{name}/aliases/{alias}", async ({ request, prisma, actor, params }) =>
  setAlias(prisma, actor, decodeURIComponent(params.name), decodeURIComponent(params.alias), await readJsonBody(request)),
);

// DELETE /api/v1/models/{name}/aliases/{alias} – remove an alias
export const DELETE = apiRoute<Params>("DELETE /api/v1/models/{name}/aliases/{alias}", async ({ prisma, actor, params }) => {
  await removeAlias(prisma, actor, decodeURIComponent(params.name), decodeURIComponent(params.alias));
  return new Response(null, { status: 204 });
});
