import { z } from "zod";

/** queued → running → succeeded | failed | cancelled. */
export const JOB_STATES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export const ACTIVE_JOB_STATES = ["queued", "running"] as const satisfies readonly JobState[];

export type JobState = (typeof JOB_STATES)[number];

/**
 * What a page or an API client sees of a background job. The job's input is not shown: callers
 * may keep references in it that are no business of the browser; the result is what the work returned.
 */
export const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  state: z.enum(JOB_STATES),
  /** 0…1 */
  progress: z.number(),
  message: z.string().nullable(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  cancelRequested: z.boolean(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});

export type JobView = z.infer<typeof jobSchema>;

export const jobIdSchema = z.string().trim().min(1).max(64).regex(/^[a-z0-9]+$/i, "Not a job id");

export function isActiveJob(job: Pick<JobView, "state">): boolean {
  return (ACTIVE_JOB_STATES as readonly string[]).includes(job.state);
}
