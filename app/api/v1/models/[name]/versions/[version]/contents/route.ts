import { apiRoute } from "@/lib/api/api-route";
import { listTarballContents } from "@/lib/registry/list-tarball-contents";

// GET /api/v1/models/{name}/versions/{version}/contents?file=<path> – a tarball's entries, listed by streaming it
export const GET = apiRoute<{ name: string; version: string }>("GET /api/v1/models/{name}/versions/{version}/contents", ({ request, prisma, actor, params }) =>
  listTarballContents(prisma, actor, decodeURIComponent(params.name), decodeURIComponent(params.version), new URL(request.url).searchParams.get("file") ?? ""),
);
