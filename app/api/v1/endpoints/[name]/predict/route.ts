import { apiRoute } from "@/lib/api/api-route";
import { readImageUpload } from "@/lib/api/read-image-upload";
import { predict } from "@/lib/endpoints/predict";

// POST /api/v1/endpoints/{name}/predict – OCR one image (multipart `image`, or JSON `{image: base64}`)
export const POST = apiRoute<{ name: string }>("POST /api/v1/endpoints/{name}/predict", async ({ request, prisma, actor, params }) => {
  const upload = await readImageUpload(request);
  return predict(prisma, actor, decodeURIComponent(params.name), upload.image, upload.params);
});
