import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { prisma as openPrisma } from "@/lib/db";
import { isActiveJob, type JobView } from "@/lib/schemas/jobs";
import { getJobForActor } from "./get-job";
import { dequeue, localJob } from "./job-runtime";
import { toJobView } from "./job-view";
import type { JobOptions } from "./start-job";

/**
 * Asks a job to stop. Work running in this process sees its signal abort and ends as cancelled; a
 * queued one ends at once. A job with no worker in this process (its process is gone) is settled here.
 * Finished jobs are returned unchanged. Null when there is no such job.
 */
export async function cancelJob(id: string, options: JobOptions = {}): Promise<JobView | null> {
  const db = options.prisma ?? (await openPrisma());
  const job = await db.job.findUnique({ where: { id } });
  if (!job) return null;
  if (!isActiveJob({ state: job.state as JobView["state"] })) return toJobView(job);
  await db.job.update({ where: { id }, data: { cancelRequested: true } });
  const local = localJob(id);
  if (local) {
    local.controller.abort();
    if (dequeue(id)) await local.done;
  } else {
    await db.job.updateMany({
      where: { id, state: { in: ["queued", "running"] } },
      data: { state: "cancelled", message: "Cancelled", finishedAt: new Date() },
    });
  }
  return toJobView(await db.job.findUniqueOrThrow({ where: { id } }));
}

/** Cancel from a page or the API: the job must be the actor's team's; the request is audited. */
export async function cancelJobForActor(prisma: PrismaClient, actor: Actor, rawId: unknown): Promise<JobView> {
  const job = await getJobForActor(prisma, actor, rawId);
  if (!isActiveJob(job)) return job;
  await auditBy(prisma, actor, { action: "job.cancel", objectType: "job", objectId: job.id, details: { kind: job.kind, subjectType: job.subjectType, subjectId: job.subjectId } });
  return (await cancelJob(job.id, { prisma })) ?? job;
}
