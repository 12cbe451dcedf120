import type { JobView } from "@/lib/schemas/jobs";

/** The job started from this page or the one the server last rendered, whichever is newer. */
export function newerJob(started: JobView | null, rendered: JobView | null): JobView | null {
  if (!started) return rendered;
  if (!rendered) return started;
  return started.createdAt >= rendered.createdAt ? started : rendered;
}
