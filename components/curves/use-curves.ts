"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { CompareCurvesResponse, CurvesResponse } from "@/lib/schemas/curves";

/** New points appear within this long while the run trains. */
export const LIVE_REFRESH_MS = 3_000;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `${response.status} ${response.statusText}`);
  }
  return (await response.json()) as T;
}

export function useRunCurves(runId: string, smoothing: number, live: boolean) {
  return useQuery({
    queryKey: ["curves", runId, smoothing],
    queryFn: () => getJson<CurvesResponse>(`/api/v1/runs/${encodeURIComponent(runId)}/curves?smoothing=${smoothing}`),
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
}

export function useCompareCurves(runIds: string[], smoothing: number, live: boolean) {
  return useQuery({
    queryKey: ["compare-curves", runIds.join(","), smoothing],
    queryFn: () => getJson<CompareCurvesResponse>(`/api/v1/curves?runs=${runIds.map(encodeURIComponent).join(",")}&smoothing=${smoothing}`),
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_REFRESH_MS : false,
    enabled: runIds.length >= 2,
  });
}
