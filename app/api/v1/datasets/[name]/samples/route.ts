import { apiRoute, searchParamsObject } from "@/lib/api/api-route";
import { listSamples } from "@/lib/datasets/preview/list-samples";

// GET /api/v1/datasets/{name}/samples – a page of samples (?split=train|test, ?q, ?cursor, ?limit)
export const GET = apiRoute<{ name: string }>("GET /api/v1/datasets/{name}/samples", ({ request, prisma, actor, params }) =>
  listSamples(prisma, actor, decodeURIComponent(params.name), searchParamsObject(request)),
);
