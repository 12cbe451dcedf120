import { apiRoute, searchParamsObject } from "@/lib/api/api-route";
import { parseInput } from "@/lib/errors/validation";
import { compareCurvesQuerySchema } from "@/lib/schemas/curves";
import { compareRunCurves } from "@/lib/visualdl/curves/run-curves";

// GET /api/v1/curves?runs=a,b,c – several runs' scalar curves for overlaid charts
export const GET = apiRoute("GET /api/v1/curves", ({ prisma, actor, request }) => {
  const { runs, ...query } = parseInput(compareCurvesQuerySchema, searchParamsObject(request));
  return compareRunCurves(prisma, actor, runs, query);
});
