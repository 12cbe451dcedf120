import { apiRoute } from "@/lib/api/api-route";
import { downloadVersionFile } from "@/lib/registry/download-version-file";

// GET /api/v1/models/{name}/versions/{version}/files/{path} – download one file, streamed through the console
export const GET = apiRoute<{ name: string; version: string; path: string[] }>("GET /api/v1/models/{name}/versions/{version}/files/{path}", async ({ request, prisma, actor, params }) => {
  const file = await downloadVersionFile(prisma, actor, decodeURIComponent(params.name), decodeURIComponent(params.version), params.path.map(decodeURIComponent).join("/"), request.signal);
  return new Response(file.body, {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(file.size),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
