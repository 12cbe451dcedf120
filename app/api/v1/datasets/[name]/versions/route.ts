import { apiRoute, searchParamsObject } from "@/lib/api/api-route";
import { listDatasetVersions } from "@/lib/datasets/list-dataset-versions";

type Params = { name: string };

// GET /api/v1/datasets/{name}/versions – the dataset's versions, newest first (?limit, ?cursor)
export const GET = apiRoute<Params>("GET /api/v1/datasets/{name}/versions", ({ request, prisma, actor, params }) =>
  listDatasetVersions(prisma, actor, decodeURIComponent(params.name), searchParamsObject(request)),
);
