import { apiRoute } from "@/lib/api/api-route";
import { trainingTargets } from "@/lib/runs/training-readiness";

// GET /api/v1/runs:targets – each target and whether it can train now, checked
export const GET = apiRoute("GET /api/v1/runs:targets", async ({ prisma, actor }) => ({ items: await trainingTargets(prisma, actor) }));
