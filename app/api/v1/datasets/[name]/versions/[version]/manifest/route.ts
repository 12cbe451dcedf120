import { apiRoute } from "@/lib/api/api-route";
import { openDatasetManifest } from "@/lib/datasets/get-dataset-version";

type Params = { name: string; version: string };

// GET /api/v1/datasets/{name}/versions/{version}/manifest – every file of the version with size and sha256
export const GET = apiRoute<Params>("GET /api/v1/datasets/{name}/versions/{version}/manifest", async ({ prisma, actor, params }) => {
  const manifest = await openDatasetManifest(prisma, actor, decodeURIComponent(params.name), params.version);
  return new Response(manifest.body, { headers: { "Content-Type": "application/json", "Cache-Control": "private, max-age=31536000, immutable" } });
});
