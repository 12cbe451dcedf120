import { apiRoute } from "@/lib/api/api-route";
import { runWorkloads } from "@/lib/runs/run-workloads";

// GET /api/v1/runs/{id}/workloads – the run's volume and pods by role, with phases and restarts
export const GET = apiRoute<{ id: string }>("GET /api/v1/runs/{id}/workloads", ({ prisma, actor, params }) => runWorkloads(prisma, actor, decodeURIComponent(params.id)));
