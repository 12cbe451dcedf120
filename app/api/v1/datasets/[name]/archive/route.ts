import { apiRoute } from "@/lib/api/api-route";
import { uploadDatasetArchive } from "@/lib/datasets/upload-dataset-archive";

type Params = { name: string };

// PUT /api/v1/datasets/{name}/archive – upload the dataset's .zip / .tar.gz as the raw body, streamed to
// disk; it is extracted safely and validated in the background (202 with the validation job)
export const PUT = apiRoute<Params>("PUT /api/v1/datasets/{name}/archive", ({ request, prisma, actor, params }) => {
  const declared = request.headers.get("content-length");
  return uploadDatasetArchive(prisma, actor, decodeURIComponent(params.name), {
    body: request.body,
    contentLength: declared === null ? null : Number(declared),
  });
});
