import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { updateNotes } from "@/lib/registry/update-notes";

// PUT /api/v1/models/{name}/versions/{version}/notes – edit a version's notes
export const PUT = apiRoute<{ name: string; version: string }>("PUT /api/v1/models/{name}/versions/{version}/notes", async ({ request, prisma, actor, params }) =>
  updateNotes(prisma, actor, decodeURIComponent(params.name), decodeURIComponent(params.version), await readJsonBody(request)),
);
