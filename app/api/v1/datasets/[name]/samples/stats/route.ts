import { apiRoute } from "@/lib/api/api-route";
import { getDatasetStats } from "@/lib/datasets/preview/get-dataset-stats";

// GET /api/v1/datasets/{name}/samples/stats – boxes per image, text lengths, characters, image sizes
export const GET = apiRoute<{ name: string }>("GET /api/v1/datasets/{name}/samples/stats", ({ request, prisma, actor, params }) =>
  getDatasetStats(prisma, actor, decodeURIComponent(params.name), { signal: request.signal }),
);
