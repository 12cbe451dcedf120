import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { createTarget } from "@/lib/targets/create-target";
import { listTargets } from "@/lib/targets/list-targets";

// GET /api/v1/targets – list targets; secrets are never returned
export const GET = apiRoute("GET /api/v1/targets", async ({ prisma, actor }) => ({ items: await listTargets(prisma, actor) }));

// POST /api/v1/targets – add a kubernetes or sagemaker target (secrets write-only)
export const POST = apiRoute("POST /api/v1/targets", async ({ request, prisma, actor }) =>
  createTarget(prisma, actor, await readJsonBody(request)),
);
