"use client";

import { useQuery } from "@tanstack/react-query";
import type { Health, HealthStatus } from "@/lib/health/get-health";

/**
 * The console's health as /api/health reports it; one query shared by the dot and the banner.
 * Details come only with a session (a signed-out page gets the bare status), hence `details`.
 */
export function useHealth() {
  return useQuery({
    queryKey: ["health"],
    queryFn: async (): Promise<HealthStatus & { details: Health | null }> => {
      const response = await fetch("/api/health", { cache: "no-store" });
      const health = (await response.json()) as HealthStatus | Health;
      return { status: health.status, details: "targets" in health ? health : null };
    },
    refetchInterval: 30_000,
  });
}
