import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { synthesisCapabilities } from "@/lib/datasets/synthesize/synthesis-capabilities";
import { synthesizeDataset } from "@/lib/datasets/synthesize/synthesize-dataset";

// GET /api/v1/datasets:synthesize – installed fonts and default settings of the generator
export const GET = apiRoute("GET /api/v1/datasets:synthesize", () => synthesisCapabilities());

// POST /api/v1/datasets:synthesize – generate a synthetic dataset in the background (202 + job id)
export const POST = apiRoute("POST /api/v1/datasets:synthesize", async ({ request, prisma, actor }) =>
  synthesizeDataset(prisma, actor, await readJsonBody(request)),
);
