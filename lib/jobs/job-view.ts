import type { Job } from "@/lib/generated/prisma/client";
import type { JobState, JobView } from "@/lib/schemas/jobs";

export function toJobView(job: Job): JobView {
  return {
    id: job.id,
    kind: job.kind,
    subjectType: job.subjectType,
    subjectId: job.subjectId,
    state: job.state as JobState,
    progress: job.progress,
    message: job.message,
    result: job.result ?? null,
    error: job.error,
    cancelRequested: job.cancelRequested,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
