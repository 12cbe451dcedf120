import { apiRoute, searchParamsObject } from "@/lib/api/api-route";
import { compareVersions } from "@/lib/registry/compare-versions";

// GET /api/v1/models/{name}/compare?a=&b= – two versions side by side
export const GET = apiRoute<{ name: string }>("GET /api/v1/models/{name}/compare", ({ request, prisma, actor, params }) =>
  compareVersions(prisma, actor, decodeURIComponent(params.name), searchParamsObject(request)),
);
