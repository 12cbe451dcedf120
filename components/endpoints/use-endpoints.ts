"use client";

import { useQuery } from "@tanstack/react-query";
import type { EndpointView } from "@/lib/schemas/endpoints";

/** Endpoints with live state: polled while any is still starting, slowly otherwise. */
export function useEndpoints(initial: EndpointView[]) {
  return useQuery({
    queryKey: ["endpoints"],
    queryFn: async (): Promise<EndpointView[]> => {
      const response = await fetch("/api/v1/endpoints", { cache: "no-store" });
      if (!response.ok) throw new Error(`endpoints: ${response.status}`);
      return ((await response.json()) as { items: EndpointView[] }).items;
    },
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.some((e) => e.state === "starting") ? 1_500 : 10_000),
  });
}
