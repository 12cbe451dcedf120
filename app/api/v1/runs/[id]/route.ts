import { apiRoute, readJsonBody } from "@/lib/api/api-route";
import { ConsoleError } from "@/lib/errors/console-error";
import { cloneRun } from "@/lib/runs/clone-run";
import { deleteRun } from "@/lib/runs/delete-run";
import { getRun } from "@/lib/runs/get-run";
import { registerRunModel } from "@/lib/runs/register-run-model";
import { retryRun } from "@/lib/runs/retry-run";
import { stopRun } from "@/lib/runs/stop-runs";

type Params = { id: string };

// GET /api/v1/runs/{id} – one run (id or name)
export const GET = apiRoute<Params>({ role: "viewer" }, ({ prisma, actor, params }) => getRun(prisma, actor, decodeURIComponent(params.id)));

// DELETE /api/v1/runs/{id}?deleteOutputs=true – remove a finished run, its outputs too when asked
export const DELETE = apiRoute<Params>({ role: "editor" }, async ({ request, prisma, actor, params }) => {
  const deleteOutputs = new URL(request.url).searchParams.get("deleteOutputs");
  const body = deleteOutputs === null ? await readJsonBody(request) : { deleteOutputs: deleteOutputs === "true" || deleteOutputs === "1" };
  await deleteRun(prisma, actor, decodeURIComponent(params.id), body);
  return new Response(null, { status: 204 });
});

// POST /api/v1/runs/{id}:stop | :retry | :clone | :register – custom methods on one run
const clone = apiRoute<Params>({ role: "viewer" }, ({ prisma, actor, params }) => cloneRun(prisma, actor, runOf(params)));
const stop = apiRoute<Params>({ role: "editor" }, ({ prisma, actor, params }) => stopRun(prisma, actor, runOf(params)));
const retry = apiRoute<Params>({ role: "editor", status: 201 }, ({ prisma, actor, params }) => retryRun(prisma, actor, runOf(params)));
const register = apiRoute<Params>({ role: "editor", status: 201 }, async ({ request, prisma, actor, params }) =>
  registerRunModel(prisma, actor, runOf(params), await readJsonBody(request)),
);
const unknown = apiRoute<Params>({ role: "viewer" }, async ({ params }) => {
  throw new ConsoleError("not_found", `No such action on a run: ${decodeURIComponent(params.id)} (use :stop, :retry, :clone or :register).`);
});

const ACTIONS = { stop, retry, clone, register } as const;

function splitAction(raw: string): { run: string; action: string | null } {
  const id = decodeURIComponent(raw);
  const colon = id.lastIndexOf(":");
  return colon < 0 ? { run: id, action: null } : { run: id.slice(0, colon), action: id.slice(colon + 1) };
}

function runOf(params: Params): string {
  return splitAction(params.id).run;
}

export async function POST(request: Request, context: { params: Promise<Params> }): Promise<Response> {
  const { action } = splitAction((await context.params).id);
  const handler = action && action in ACTIONS ? ACTIONS[action as keyof typeof ACTIONS] : unknown;
  return handler(request, context);
}
