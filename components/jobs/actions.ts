"use server";

import { authorizedAction } from "@/lib/api/authorized-action";
import { cancelJobForActor } from "@/lib/jobs";

/** Cancel from any page showing a job; the REST twin is POST /api/v1/jobs/{id}:cancel. */
export const cancelJobAction = authorizedAction("editor", ({ prisma, actor }, jobId: string) => cancelJobForActor(prisma, actor, jobId));
