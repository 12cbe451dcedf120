import { apiRoute, customMethods, readJsonBody } from "@/lib/api/api-route";
import { cloneRun } from "@/lib/runs/clone-run";
import { deleteRun } from "@/lib/runs/delete-run";
import { getRun } from "@/lib/runs/get-run";
import { registerRunModel } from "@/lib/runs/register-run-model";
import { retryRun } from "@/lib/runs/retry-run";
import { stopRun } from "@/lib/runs/stop-runs";

type Params = { id: string };

// GET /api/v1/runs/{id} – one run (id or name)
export const GET = apiRoute<Params>("GET /api/v1/runs/{id}", ({ prisma, actor, params }) => getRun(prisma, actor, decodeURIComponent(params.id)));

// DELETE /api/v1/runs/{id}?deleteOutputs=true – remove a finished run, its outputs too when asked
export const DELETE = apiRoute<Params>("DELETE /api/v1/runs/{id}", async ({ request, prisma, actor, params }) => {
  const deleteOutputs = new URL(request.url).searchParams.get("deleteOutputs");
  const body = deleteOutputs === null ? await readJsonBody(request) : { deleteOutputs: deleteOutputs === "true" || deleteOutputs === "1" };
  await deleteRun(prisma, actor, decodeURIComponent(params.id), body);
  return new Response(null, { status: 204 });
});

// POST /api/v1/runs/{id}:stop | :retry | :clone | :register – custom methods on one run
export const POST = customMethods<Params>("id", {
  stop: apiRoute<Params>("POST /api/v1/runs/{id}:stop", ({ prisma, actor, params }) => stopRun(prisma, actor, decodeURIComponent(params.id))),
  retry: apiRoute<Params>("POST /api/v1/runs/{id}:retry", ({ prisma, actor, params }) => retryRun(prisma, actor, decodeURIComponent(params.id))),
  clone: apiRoute<Params>("POST /api/v1/runs/{id}:clone", ({ prisma, actor, params }) => cloneRun(prisma, actor, decodeURIComponent(params.id))),
  register: apiRoute<Params>("POST /api/v1/runs/{id}:register", async ({ request, prisma, actor, params }) =>
    registerRunModel(prisma, actor, decodeURIComponent(params.id), await readJsonBody(request)),
  ),
});
