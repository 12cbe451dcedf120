import { apiRoute, searchParamsObject } from "@/lib/api/api-route";
import { parseInput } from "@/lib/errors/validation";
import { curvesQuerySchema } from "@/lib/schemas/curves";
import { getRunCurves } from "@/lib/visualdl/curves/run-curves";

type Params = { id: string };

// GET /api/v1/runs/{id}/curves – the run's VisualDL scalars (reduced for drawing), images, texts, histograms
export const GET = apiRoute<Params>("GET /api/v1/runs/{id}/curves", ({ prisma, actor, params, request }) =>
  getRunCurves(prisma, actor, params.id, parseInput(curvesQuerySchema, searchParamsObject(request))),
);
