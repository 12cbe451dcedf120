"use client";

import { useQuery } from "@tanstack/react-query";
import type { Health } from "@/lib/health/get-health";

/** The console's health as /api/health reports it; one query shared by the dot and the banner. */
export function useHealth() {
  return useQuery({
    queryKey: ["health"],
    queryFn: async (): Promise<Health> => {
      const response = await fetch("/api/health", { cache: "no-store" });
      return (await response.json()) as Health;
    },
    refetchInterval: 30_000,
  });
}
