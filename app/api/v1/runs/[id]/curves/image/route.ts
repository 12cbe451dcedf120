import { apiRoute, searchParamsObject } from "@/lib/api/api-route";
import { parseInput } from "@/lib/errors/validation";
import { curveImageQuerySchema } from "@/lib/schemas/curves";
import { runCurveImage } from "@/lib/visualdl/curves/run-curves";

type Params = { id: string };

// GET /api/v1/runs/{id}/curves/image?tag=…&step=… – an image the run logged
export const GET = apiRoute<Params>("GET /api/v1/runs/{id}/curves/image", async ({ prisma, actor, params, request }) => {
  const { tag, step } = parseInput(curveImageQuerySchema, searchParamsObject(request));
  const { bytes, contentType } = await runCurveImage(prisma, actor, params.id, tag, step);
  return new Response(Buffer.from(bytes), { headers: { "Content-Type": contentType, "Cache-Control": "private, max-age=3600" } });
});
