import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { startDatasetCache } from "@/lib/datasets/cache-dataset";
import { getDataset } from "@/lib/datasets/get-dataset";
import { startDatasetValidation } from "@/lib/datasets/start-dataset-validation";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { validateDatasetSchema } from "@/lib/schemas/datasets";

type Params = { name: string };

// GET /api/v1/datasets/{name} – a dataset with its newest validation report, versions and caches
export const GET = apiRoute<Params>({ role: "viewer" }, ({ prisma, actor, params }) => getDataset(prisma, actor, decodeURIComponent(params.name)));

// POST /api/v1/datasets/{name}:validate – validate in the background (202 with the job)
// POST /api/v1/datasets/{name}:cache – cache a version on a target (202 with the job)
export const POST = apiRoute<Params>({ role: "editor", status: 202 }, async ({ request, prisma, actor, params }) => {
  const [name, verb] = decodeURIComponent(params.name).split(":");
  if (verb === "validate") {
    parseInput(validateDatasetSchema, await readJsonBody(request));
    return startDatasetValidation(prisma, actor, name);
  }
  if (verb === "cache") return startDatasetCache(prisma, actor, name, await readJsonBody(request));
  throw new ConsoleError("not_found", "Use POST /api/v1/datasets/{name}:validate or POST /api/v1/datasets/{name}:cache.");
});
