import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { createEndpoint } from "@/lib/endpoints/create-endpoint";
import { listEndpoints } from "@/lib/endpoints/list-endpoints";

// GET /api/v1/endpoints – endpoints with their live state
export const GET = apiRoute("GET /api/v1/endpoints", async ({ prisma, actor }) => ({ items: await listEndpoints(prisma, actor) }));

// POST /api/v1/endpoints – deploy a model version as an endpoint on a target
export const POST = apiRoute("POST /api/v1/endpoints", async ({ request, prisma, actor }) =>
  createEndpoint(prisma, actor, await readJsonBody(request)),
);
