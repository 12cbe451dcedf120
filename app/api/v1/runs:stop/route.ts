import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { stopRuns } from "@/lib/runs/stop-runs";

// POST /api/v1/runs:stop – stop several runs: {"runs": [id or name, …]}
export const POST = apiRoute("POST /api/v1/runs:stop", async ({ request, prisma, actor }) => stopRuns(prisma, actor, await readJsonBody(request)));
