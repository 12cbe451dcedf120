import { apiRoute } from "@/lib/api/api-route";
import { listModelVersions } from "@/lib/registry/list-model-versions";

// GET /api/v1/models – the team's registered model versions
export const GET = apiRoute({ role: "viewer" }, async ({ prisma, actor }) => ({ items: await listModelVersions(prisma, actor) }));
