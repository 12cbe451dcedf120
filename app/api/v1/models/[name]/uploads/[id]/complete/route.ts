import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { completeUpload } from "@/lib/registry/upload-session";

// POST /api/v1/models/{name}/uploads/{id}/complete – check every file's sha256 and register the version
export const POST = apiRoute<{ name: string; id: string }>("POST /api/v1/models/{name}/uploads/{id}/complete", async ({ request, prisma, actor, params }) =>
  completeUpload(prisma, actor, decodeURIComponent(params.name), params.id, await readJsonBody(request)),
);
