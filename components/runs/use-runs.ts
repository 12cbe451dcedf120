"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { RunEventView, RunView } from "@/lib/schemas/runs";
import { getJson } from "./api-client";
import { isActiveState } from "./run-state-badge";

export interface RunsPage {
  items: RunView[];
  nextCursor: string | null;
}

// While anything on screen is still moving the page asks every ~3 s; a settled list only looks for
// runs launched elsewhere now and then, and a finished run's page does not poll at all.
const LIVE_INTERVAL_MS = 3_000;
const SETTLED_LIST_INTERVAL_MS = 30_000;

export const runsKeys = {
  all: ["runs"] as const,
  list: (search: string) => ["runs", "list", search] as const,
  run: (id: string) => ["runs", "run", id] as const,
  events: (id: string) => ["runs", "run", id, "events"] as const,
};

/** One page of the runs list with live states; `initial` is the server's first paint for `initialSearch`. */
export function useRunsPage(search: string, initial: { search: string; page: RunsPage }) {
  return useQuery({
    queryKey: runsKeys.list(search),
    queryFn: () => getJson<RunsPage>(`/api/v1/runs${search ? `?${search}` : ""}`),
    initialData: search === initial.search ? initial.page : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((run) => isActiveState(run.state)) ? LIVE_INTERVAL_MS : SETTLED_LIST_INTERVAL_MS),
  });
}

/** One run, polled while it is active. */
export function useRun(initial: RunView) {
  return useQuery({
    queryKey: runsKeys.run(initial.id),
    queryFn: () => getJson<RunView>(`/api/v1/runs/${encodeURIComponent(initial.id)}`),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isActiveState(query.state.data.state) ? LIVE_INTERVAL_MS : false),
  });
}

/** A run's transitions, refreshed while the run is active. */
export function useRunEvents(runId: string, initial: RunEventView[], active: boolean) {
  return useQuery({
    queryKey: runsKeys.events(runId),
    queryFn: async () => (await getJson<{ items: RunEventView[] }>(`/api/v1/runs/${encodeURIComponent(runId)}/events`)).items,
    initialData: initial,
    refetchInterval: active ? LIVE_INTERVAL_MS : false,
  });
}
