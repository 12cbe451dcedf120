import { apiRoute, readJsonBody, searchParamsObject } from "@/lib/api/api-route";
import { createDataset } from "@/lib/datasets/create-dataset";
import { listDatasets } from "@/lib/datasets/list-datasets";

// GET /api/v1/datasets – list datasets, newest first (?limit, ?cursor)
export const GET = apiRoute("GET /api/v1/datasets", ({ request, prisma, actor }) =>
  listDatasets(prisma, actor, searchParamsObject(request)),
);

// POST /api/v1/datasets – register a dataset
export const POST = apiRoute("POST /api/v1/datasets", async ({ request, prisma, actor }) =>
  createDataset(prisma, actor, await readJsonBody(request)),
);
