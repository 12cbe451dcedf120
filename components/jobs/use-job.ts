"use client";

import { useQuery } from "@tanstack/react-query";
import { isActiveJob, type JobView } from "@/lib/schemas/jobs";

export const jobQueryKey = (jobId: string) => ["jobs", jobId] as const;

/** A job polled about once a second while it is queued or running; finished jobs are not polled. */
export function useJob(jobId: string | null, initial?: JobView | null) {
  return useQuery({
    queryKey: jobQueryKey(jobId ?? "none"),
    enabled: Boolean(jobId),
    queryFn: async (): Promise<JobView> => {
      const response = await fetch(`/api/v1/jobs/${encodeURIComponent(jobId!)}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`job ${jobId}: HTTP ${response.status}`);
      return (await response.json()) as JobView;
    },
    initialData: initial && initial.id === jobId ? initial : undefined,
    staleTime: 0,
    refetchInterval: (query) => (!query.state.data || isActiveJob(query.state.data) ? 1_000 : false),
  });
}
