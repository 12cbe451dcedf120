import { apiRoute } from "@/lib/api/api-route";
import { proxyVisualDl } from "@/lib/visualdl/proxy/proxy-visualdl";

type Params = { id: string; path?: string[] };

// /api/v1/runs/{id}/visualdl/… – the run's own VisualDL UI through the console's authenticated proxy
export const GET = apiRoute<Params>("GET /api/v1/runs/{id}/visualdl/{path}", ({ prisma, actor, params, request }) => proxyVisualDl(prisma, actor, params.id, request));
export const POST = apiRoute<Params>("POST /api/v1/runs/{id}/visualdl/{path}", ({ prisma, actor, params, request }) => proxyVisualDl(prisma, actor, params.id, request));
