import { apiRoute } from "@/lib/api/api-route";
import { runLogStreams } from "@/lib/runs/run-logs";

// GET /api/v1/runs/{id}/logs/streams – the run's log streams (pods and their containers, CloudWatch streams, train.log)
export const GET = apiRoute<{ id: string }>("GET /api/v1/runs/{id}/logs/streams", async ({ prisma, actor, params }) => ({
  items: await runLogStreams(prisma, actor, decodeURIComponent(params.id)),
}));
