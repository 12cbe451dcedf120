import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { deployCanary } from "@/lib/endpoints/deploy-canary";

type Params = { name: string };

// POST /api/v1/endpoints/{name}/canary – deploy a second model version as the canary with its share of traffic
export const POST = apiRoute<Params>("POST /api/v1/endpoints/{name}/canary", async ({ request, prisma, actor, params }) =>
  deployCanary(prisma, actor, decodeURIComponent(params.name), await readJsonBody(request)),
);
