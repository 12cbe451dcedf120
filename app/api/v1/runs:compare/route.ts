import { apiRoute } from "@/lib/api/api-route";
import { compareRuns } from "@/lib/runs/compare-runs";

// GET /api/v1/runs:compare?runs=a,b,c – 2 to 6 runs side by side (also ?runs=a&runs=b)
export const GET = apiRoute("GET /api/v1/runs:compare", ({ request, prisma, actor }) =>
  compareRuns(prisma, actor, { runs: new URL(request.url).searchParams.getAll("runs").join(",") }),
);
