import { apiRoute, searchParamsObject } from "@/lib/api/api-route";
import { runMetrics } from "@/lib/runs/run-metrics";

// GET /api/v1/runs/{id}/metrics?names=TRAIN/loss,EVAL/hmean&maxPoints=2000 – metric series parsed from the run's logs
export const GET = apiRoute<{ id: string }>("GET /api/v1/runs/{id}/metrics", async ({ request, prisma, actor, params }) => ({
  items: await runMetrics(prisma, actor, decodeURIComponent(params.id), searchParamsObject(request)),
}));
