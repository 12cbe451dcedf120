import { apiRoute, customMethods } from "@/lib/api/api-route";
import { cancelJobForActor, getJobForActor } from "@/lib/jobs";

type Params = { id: string };

// GET /api/v1/jobs/{id} – a background job's state and progress (pages poll this)
export const GET = apiRoute<Params>("GET /api/v1/jobs/{id}", ({ prisma, actor, params }) => getJobForActor(prisma, actor, decodeURIComponent(params.id)));

// POST /api/v1/jobs/{id}:cancel – ask a running job to stop
export const POST = customMethods<Params>("id", {
  cancel: apiRoute<Params>("POST /api/v1/jobs/{id}:cancel", ({ prisma, actor, params }) => cancelJobForActor(prisma, actor, decodeURIComponent(params.id))),
});
