import { apiRoute } from "@/lib/api/api-route";
import { ConsoleError } from "@/lib/errors/console-error";
import { cancelJobForActor, getJobForActor } from "@/lib/jobs";

type Params = { id: string };

// GET /api/v1/jobs/{id} – a background job's state and progress (pages poll this)
export const GET = apiRoute<Params>({ role: "viewer" }, ({ prisma, actor, params }) => getJobForActor(prisma, actor, decodeURIComponent(params.id)));

// POST /api/v1/jobs/{id}:cancel – ask a running job to stop
export const POST = apiRoute<Params>({ role: "editor" }, ({ prisma, actor, params }) => {
  const [id, verb] = decodeURIComponent(params.id).split(":");
  if (verb !== "cancel") throw new ConsoleError("not_found", "Use POST /api/v1/jobs/{id}:cancel.");
  return cancelJobForActor(prisma, actor, id);
});
