"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useTransition } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { isActiveJob, type JobState, type JobView } from "@/lib/schemas/jobs";
import { cancelJobAction } from "./actions";
import { jobQueryKey, useJob } from "./use-job";

const STATE_TONE: Record<JobState, "neutral" | "good" | "bad" | "info"> = {
  queued: "neutral",
  running: "info",
  succeeded: "good",
  failed: "bad",
  cancelled: "neutral",
};

/**
 * A background job's live progress: bar, state, the job's own message, its error when it failed, and
 * a cancel button for editors. `onSettled` fires once when the job leaves queued/running (e.g. to
 * refresh the page that shows its result).
 */
export function JobProgress({
  jobId,
  initial,
  title,
  canCancel = false,
  onSettled,
}: {
  jobId: string;
  initial?: JobView | null;
  title: string;
  canCancel?: boolean;
  onSettled?: (job: JobView) => void;
}) {
  const { data: job, error } = useJob(jobId, initial);
  const queryClient = useQueryClient();
  const [cancelling, startCancel] = useTransition();
  const wasActive = useRef<boolean | null>(null);
  const settledCallback = useRef(onSettled);
  useEffect(() => {
    settledCallback.current = onSettled;
  }, [onSettled]);

  useEffect(() => {
    if (!job) return;
    const active = isActiveJob(job);
    if (wasActive.current === true && !active) settledCallback.current?.(job);
    wasActive.current = active;
  }, [job]);

  function cancel() {
    startCancel(async () => {
      const result = await cancelJobAction(jobId);
      if (!result.ok) return void toast.error(result.error);
      queryClient.setQueryData(jobQueryKey(jobId), result.data);
    });
  }

  if (!job) {
    return (
      <div className="text-sm text-zinc-500" role="status">
        {error ? `${title}: ${error.message}` : `${title}: loading…`}
      </div>
    );
  }
  const percent = Math.round(job.progress * 100);
  const active = isActiveJob(job);
  return (
    <section aria-label={title} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid="job-progress" data-state={job.state}>
      <div className="flex items-center justify-between gap-3">
        <div className="flex items-center gap-2 text-sm font-medium">
          {title}
          <Badge tone={STATE_TONE[job.state]}>{job.cancelRequested && active ? "cancelling" : job.state}</Badge>
        </div>
        {canCancel && active && (
          <Button variant="secondary" onClick={cancel} disabled={cancelling || job.cancelRequested}>
            Cancel
          </Button>
        )}
      </div>
      <div
        role="progressbar"
        aria-label={`${title} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="mt-2 h-2 overflow-hidden rounded bg-zinc-100 dark:bg-zinc-800"
      >
        <div
          className={`h-full transition-[width] duration-500 ${job.state === "failed" ? "bg-red-500" : job.state === "succeeded" ? "bg-emerald-500" : "bg-indigo-500"}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {percent}%{job.message ? ` · ${job.message}` : ""}
      </p>
      {job.error && (
        <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
          {job.error}
        </p>
      )}
    </section>
  );
}
