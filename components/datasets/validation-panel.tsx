"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { validateDatasetAction } from "@/app/(console)/datasets/actions";
import { JobProgress } from "@/components/jobs/job-progress";
import { Button } from "@/components/ui/button";
import { isActiveJob, type JobView } from "@/lib/schemas/jobs";
import { newerJob } from "./newer-job";

/**
 * The dataset's validation: the last (or running) job live, and Validate for editors. When a job ends,
 * the page refreshes so the new version and its report appear.
 */
export function ValidationPanel({ datasetName, initial, canValidate, readable }: { datasetName: string; initial: JobView | null; canValidate: boolean; readable: boolean }) {
  const router = useRouter();
  const [started, setJob] = useState<JobView | null>(null);
  const job = newerJob(started, initial);
  const [pending, startTransition] = useTransition();
  const running = job !== null && isActiveJob(job);

  function validate() {
    startTransition(async () => {
      const result = await validateDatasetAction(datasetName);
      if (!result.ok) return void toast.error(result.error);
      setJob(result.data);
    });
  }

  return (
    <div className="space-y-3">
      {canValidate && readable && (
        <Button onClick={validate} disabled={pending || running}>
          {running ? "Validating…" : job ? "Validate again" : "Validate"}
        </Button>
      )}
      {job && <JobProgress key={job.id} jobId={job.id} initial={job} title="Latest validation" canCancel={canValidate} onSettled={() => router.refresh()} />}
    </div>
  );
}
