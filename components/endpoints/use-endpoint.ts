"use client";

import { useQuery } from "@tanstack/react-query";
import type { EndpointView } from "@/lib/schemas/endpoints";

const MOVING_PHASES = new Set(["Creating", "Updating", "SystemUpdating", "RollingBack", "Deleting"]);

/** Whether the backend has not caught up with the endpoint's desired variants yet (poll faster then). */
export function isSettling(endpoint: EndpointView): boolean {
  if (endpoint.state === "starting") return true;
  const live = endpoint.live;
  if (!live) return false;
  if (live.phase && MOVING_PHASES.has(live.phase)) return true;
  if (live.variants.some((v) => v.pending || v.statuses.length > 0)) return true;
  // Knative: the split it reports against the split asked for.
  return (endpoint.variants ?? []).some((wanted) => {
    const seen = live.variants.find((v) => v.role === wanted.role && !v.pending);
    return !seen || (seen.weight !== null && seen.weight !== wanted.trafficPercent);
  });
}

/** One endpoint with its live status from the target: every 1.5 s while it settles, every 10 s otherwise. */
export function useEndpoint(initial: EndpointView) {
  return useQuery({
    queryKey: ["endpoints", initial.name],
    queryFn: async (): Promise<EndpointView> => {
      const response = await fetch(`/api/v1/endpoints/${encodeURIComponent(initial.name)}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`endpoint ${initial.name}: ${response.status}`);
      return (await response.json()) as EndpointView;
    },
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isSettling(query.state.data) ? 1_500 : 10_000),
  });
}
