import { apiRoute } from "@/lib/api/api-route";
import { abortUpload, getUpload } from "@/lib/registry/upload-session";

type Params = { name: string; id: string };

// GET /api/v1/models/{name}/uploads/{id} – the parts stored so far, to resume
export const GET = apiRoute<Params>("GET /api/v1/models/{name}/uploads/{id}", ({ prisma, actor, params }) => getUpload(prisma, actor, decodeURIComponent(params.name), params.id));

// DELETE /api/v1/models/{name}/uploads/{id} – cancel an upload
export const DELETE = apiRoute<Params>("DELETE /api/v1/models/{name}/uploads/{id}", async ({ prisma, actor, params }) => {
  await abortUpload(prisma, actor, decodeURIComponent(params.name), params.id);
  return new Response(null, { status: 204 });
});
