import { apiRoute } from "@/lib/api/api-route";
import { runRequest } from "@/lib/runs/get-run";

// GET /api/v1/runs/{id}/request – the request recorded at launch, exactly as sent (null before launch)
export const GET = apiRoute<{ id: string }>("GET /api/v1/runs/{id}/request", ({ prisma, actor, params }) => runRequest(prisma, actor, decodeURIComponent(params.id)));
