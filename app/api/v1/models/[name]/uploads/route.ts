import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { createUpload } from "@/lib/registry/upload-session";

// POST /api/v1/models/{name}/uploads – start uploading a new version part by part
export const POST = apiRoute<{ name: string }>({ role: "editor", status: 201 }, async ({ request, prisma, actor, params }) =>
  createUpload(prisma, actor, decodeURIComponent(params.name), await readJsonBody(request)),
);
