import { apiRoute } from "@/lib/api/api-route";
import { getTestImage } from "@/lib/endpoints/get-test-image";

// GET /api/v1/endpoints/{name}/predictions/{id}/image[?size=thumb] – a tested image from the history
export const GET = apiRoute<{ name: string; id: string }>("GET /api/v1/endpoints/{name}/predictions/{id}/image", async ({ request, prisma, actor, params }) => {
  const size = new URL(request.url).searchParams.get("size") === "thumb" ? "thumb" : "full";
  const image = await getTestImage(prisma, actor, decodeURIComponent(params.name), params.id, size);
  return new Response(image.body, {
    headers: {
      "Content-Type": image.contentType,
      ...(image.length !== undefined ? { "Content-Length": String(image.length) } : {}),
      // Kept images never change; private because they may hold customer documents.
      "Cache-Control": "private, max-age=86400, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
