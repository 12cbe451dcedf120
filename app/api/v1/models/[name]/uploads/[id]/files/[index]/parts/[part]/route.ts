import { apiRoute } from "@/lib/api/api-route";
import { readPartBody } from "@/lib/registry/read-part-body";
import { uploadPart } from "@/lib/registry/upload-session";

// PUT /api/v1/models/{name}/uploads/{id}/files/{index}/parts/{part} – one part's bytes (X-Part-Sha256 optional)
export const PUT = apiRoute<{ name: string; id: string; index: string; part: string }>("PUT /api/v1/models/{name}/uploads/{id}/files/{index}/parts/{part}", async ({ request, prisma, actor, params }) =>
  uploadPart(prisma, actor, decodeURIComponent(params.name), params.id, Number(params.index), Number(params.part), await readPartBody(request), request.headers.get("x-part-sha256")),
);
