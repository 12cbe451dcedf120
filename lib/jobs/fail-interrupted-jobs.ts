import { prisma as openPrisma } from "@/lib/db";
import { localJobIds } from "./job-runtime";
import type { JobOptions } from "./start-job";

export const INTERRUPTED_MESSAGE = "The console restarted while this ran; run it again";

/**
 * Called once when the console starts: jobs left queued or running by a previous process have no
 * worker any more, so they are marked failed with a message saying so instead of spinning forever.
 * Assumes one console process per database (the embedded default and the documented deployment).
 */
export async function failInterruptedJobs(options: JobOptions = {}): Promise<number> {
  const db = options.prisma ?? (await openPrisma());
  const { count } = await db.job.updateMany({
    where: { state: { in: ["queued", "running"] }, id: { notIn: localJobIds() } },
    data: { state: "failed", error: INTERRUPTED_MESSAGE, message: null, finishedAt: new Date() },
  });
  return count;
}
