import { apiRoute, customMethods, readJsonBody } from "@/lib/api/api-route";
import { startDatasetCache } from "@/lib/datasets/cache-dataset";
import { getDataset } from "@/lib/datasets/get-dataset";
import { startDatasetValidation } from "@/lib/datasets/start-dataset-validation";
import { parseInput } from "@/lib/errors/validation";
import { validateDatasetSchema } from "@/lib/schemas/datasets";

type Params = { name: string };

// GET /api/v1/datasets/{name} – a dataset with its newest validation report, versions and caches
export const GET = apiRoute<Params>("GET /api/v1/datasets/{name}", ({ prisma, actor, params }) => getDataset(prisma, actor, decodeURIComponent(params.name)));

// POST /api/v1/datasets/{name}:validate – validate in the background (202 with the job)
// POST /api/v1/datasets/{name}:cache – cache a version on a target (202 with the job)
export const POST = customMethods<Params>("name", {
  validate: apiRoute<Params>("POST /api/v1/datasets/{name}:validate", async ({ request, prisma, actor, params }) => {
    parseInput(validateDatasetSchema, await readJsonBody(request));
    return startDatasetValidation(prisma, actor, decodeURIComponent(params.name));
  }),
  cache: apiRoute<Params>("POST /api/v1/datasets/{name}:cache", async ({ request, prisma, actor, params }) =>
    startDatasetCache(prisma, actor, decodeURIComponent(params.name), await readJsonBody(request)),
  ),
});
