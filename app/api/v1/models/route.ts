import { apiRoute, searchParamsObject } from "@/lib/api/api-route";
import { listModels } from "@/lib/registry/list-models";

// GET /api/v1/models – every model with latest version, count, aliases, last update (?q, sort, order, limit, cursor)
export const GET = apiRoute("GET /api/v1/models", ({ request, prisma, actor }) => listModels(prisma, actor, searchParamsObject(request)));
