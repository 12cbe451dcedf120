import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { shiftTraffic } from "@/lib/endpoints/shift-traffic";

type Params = { name: string };

// POST /api/v1/endpoints/{name}/traffic – {canaryPercent}: the canary's share, the primary takes the rest
export const POST = apiRoute<Params>("POST /api/v1/endpoints/{name}/traffic", async ({ request, prisma, actor, params }) =>
  shiftTraffic(prisma, actor, decodeURIComponent(params.name), await readJsonBody(request)),
);
