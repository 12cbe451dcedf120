import { apiRoute, searchParamsObject } from "@/lib/api/api-route";
import { listVersions } from "@/lib/registry/list-versions";
import { registerFormUpload } from "@/lib/registry/register-form-upload";

type Params = { name: string };

// GET /api/v1/models/{name}/versions – a model's versions, a page at a time (?sort, order, limit, cursor)
export const GET = apiRoute<Params>("GET /api/v1/models/{name}/versions", ({ request, prisma, actor, params }) =>
  listVersions(prisma, actor, decodeURIComponent(params.name), searchParamsObject(request)),
);

// POST /api/v1/models/{name}/versions – register a new version from multipart files
export const POST = apiRoute<Params>("POST /api/v1/models/{name}/versions", ({ request, prisma, actor, params }) =>
  registerFormUpload(prisma, actor, decodeURIComponent(params.name), request),
);
