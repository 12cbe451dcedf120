import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { createUpload } from "@/lib/registry/upload-session";

// POST /api/v1/models/{name}/uploads – start uploading a new version part by part
export const POST = apiRoute<{ name: string }>("POST /api/v1/models/{name}/uploads", async ({ request, prisma, actor, params }) =>
  createUpload(prisma, actor, decodeURIComponent(params.name), await readJsonBody(request)),
);
