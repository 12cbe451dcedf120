import { apiRoute, readJsonBody, searchParamsObject } from "@/lib/api/api-route";
import { deleteVersion } from "@/lib/registry/delete-version";
import { getVersion } from "@/lib/registry/get-version";

type Params = { name: string; version: string };

// GET /api/v1/models/{name}/versions/{version} – one version: files, metrics, lineage, config, notes, aliases
export const GET = apiRoute<Params>("GET /api/v1/models/{name}/versions/{version}", ({ prisma, actor, params }) =>
  getVersion(prisma, actor, decodeURIComponent(params.name), decodeURIComponent(params.version)),
);

// DELETE /api/v1/models/{name}/versions/{version} – delete a version ({confirm: "<name>:<version>"}, or ?confirm=)
export const DELETE = apiRoute<Params>("DELETE /api/v1/models/{name}/versions/{version}", async ({ request, prisma, actor, params }) => {
  const body = { ...searchParamsObject(request), ...((await readJsonBody(request)) as object) };
  await deleteVersion(prisma, actor, decodeURIComponent(params.name), decodeURIComponent(params.version), body);
  return new Response(null, { status: 204 });
});
