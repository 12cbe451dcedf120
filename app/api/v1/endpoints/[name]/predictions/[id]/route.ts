import { apiRoute } from "@/lib/api/api-route";
import { getPrediction } from "@/lib/endpoints/get-prediction";

// GET /api/v1/endpoints/{name}/predictions/{id} – one kept test and its result
export const GET = apiRoute<{ name: string; id: string }>("GET /api/v1/endpoints/{name}/predictions/{id}", ({ prisma, actor, params }) =>
  getPrediction(prisma, actor, decodeURIComponent(params.name), params.id),
);
