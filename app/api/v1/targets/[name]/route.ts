import { apiRoute } from "@/lib/api/api-route";
import { ConsoleError } from "@/lib/errors/console-error";
import { checkTarget } from "@/lib/targets/check-target";
import { deleteTarget } from "@/lib/targets/delete-target";

type Params = { name: string };

// POST /api/v1/targets/{name}:check – test the connection (custom methods use the `:verb` suffix)
export const POST = apiRoute<Params>({ role: "viewer" }, async ({ prisma, actor, params }) => {
  const [name, verb] = decodeURIComponent(params.name).split(":");
  if (verb !== "check" || !name) throw new ConsoleError("not_found", `Unknown method; use POST /api/v1/targets/{name}:check.`);
  return checkTarget(prisma, actor, name);
});

// DELETE /api/v1/targets/{name} – remove a target without runs or endpoints
export const DELETE = apiRoute<Params>({ role: "admin" }, async ({ prisma, actor, params }) => {
  await deleteTarget(prisma, actor, decodeURIComponent(params.name));
  return new Response(null, { status: 204 });
});
