import { apiRoute } from "@/lib/api/api-route";
import { getDatasetVersion } from "@/lib/datasets/get-dataset-version";

type Params = { name: string; version: string };

// GET /api/v1/datasets/{name}/versions/{version} – one version with its full report and statistics
export const GET = apiRoute<Params>("GET /api/v1/datasets/{name}/versions/{version}", ({ prisma, actor, params }) =>
  getDatasetVersion(prisma, actor, decodeURIComponent(params.name), params.version),
);
