import { apiRoute } from "@/lib/api/api-route";
import { runEvents } from "@/lib/runs/run-events";

// GET /api/v1/runs/{id}/events – the run's transitions, oldest first
export const GET = apiRoute<{ id: string }>("GET /api/v1/runs/{id}/events", async ({ prisma, actor, params }) => ({
  items: await runEvents(prisma, actor, decodeURIComponent(params.id)),
}));
