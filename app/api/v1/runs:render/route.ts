import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { renderRun } from "@/lib/runs/create-run";

// POST /api/v1/runs:render – exactly what launching this run would send to its target, without launching
export const POST = apiRoute("POST /api/v1/runs:render", async ({ request, prisma, actor }) => renderRun(prisma, actor, await readJsonBody(request)));
