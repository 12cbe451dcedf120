import { apiRoute, searchParamsObject } from "@/lib/api/api-route";
import { parseInput } from "@/lib/errors/validation";
import { curveTagQuerySchema } from "@/lib/schemas/curves";
import { runCurveCsv } from "@/lib/visualdl/curves/run-curves";

type Params = { id: string };

// GET /api/v1/runs/{id}/curves/csv?tag=… – one tag's full series as CSV
export const GET = apiRoute<Params>("GET /api/v1/runs/{id}/curves/csv", async ({ prisma, actor, params, request }) => {
  const { tag } = parseInput(curveTagQuerySchema, searchParamsObject(request));
  const { filename, csv } = await runCurveCsv(prisma, actor, params.id, tag);
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` } });
});
