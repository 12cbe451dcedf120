import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { rerunPrediction } from "@/lib/endpoints/rerun-prediction";

// POST /api/v1/endpoints/{name}/predictions/{id}/rerun – send a kept image to `{endpoint}` to compare
export const POST = apiRoute<{ name: string; id: string }>("POST /api/v1/endpoints/{name}/predictions/{id}/rerun", async ({ request, prisma, actor, params }) =>
  rerunPrediction(prisma, actor, decodeURIComponent(params.name), params.id, await readJsonBody(request)),
);
