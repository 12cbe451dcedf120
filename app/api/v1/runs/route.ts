import { apiRoute, readJsonBody, searchParamsObject } from "@/lib/api/api-route";
import { createRun } from "@/lib/runs/create-run";
import { listRuns } from "@/lib/runs/list-runs";

// GET /api/v1/runs – runs of the team: ?state=&target=&dataset=&q=&sort=&order=&limit=&cursor=
export const GET = apiRoute("GET /api/v1/runs", ({ request, prisma, actor }) => listRuns(prisma, actor, searchParamsObject(request)));

// POST /api/v1/runs – record a run and launch it on its target
export const POST = apiRoute("POST /api/v1/runs", async ({ request, prisma, actor }) => createRun(prisma, actor, await readJsonBody(request)));
