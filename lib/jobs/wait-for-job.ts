import { ConsoleError } from "@/lib/errors/console-error";
import type { JobView } from "@/lib/schemas/jobs";
import { getJob } from "./get-job";
import { localJob } from "./job-runtime";
import type { JobOptions } from "./start-job";

/** Resolves with the job once it has settled in this process (for scripts, tests and callers that chain work). */
export async function waitForJob(id: string, options: JobOptions & { timeoutMs?: number } = {}): Promise<JobView> {
  const local = localJob(id);
  if (local) {
    const timeout = options.timeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      local.done,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new ConsoleError("unavailable", `Job ${id} did not finish within ${timeout} ms.`)), timeout);
      }),
    ]).finally(() => clearTimeout(timer));
  }
  const job = await getJob(id, options);
  if (!job) throw new ConsoleError("not_found", `There is no job ${id}.`);
  return job;
}
