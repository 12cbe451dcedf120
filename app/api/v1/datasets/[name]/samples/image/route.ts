import { apiRoute, searchParamsObject } from "@/lib/api/api-route";
import { getSampleImage } from "@/lib/datasets/preview/get-sample-image";

// GET /api/v1/datasets/{name}/samples/image?path=…[&size=thumb] – one image of the dataset
export const GET = apiRoute<{ name: string }>("GET /api/v1/datasets/{name}/samples/image", async ({ request, prisma, actor, params }) => {
  const image = await getSampleImage(prisma, actor, decodeURIComponent(params.name), searchParamsObject(request));
  return new Response(image.body, {
    headers: {
      "Content-Type": image.contentType,
      ...(image.length !== undefined ? { "Content-Length": String(image.length) } : {}),
      // Private: datasets can hold customer documents. Short-lived: a re-upload may replace a file under the same path.
      "Cache-Control": "private, max-age=300",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
