"use client";

import { useHealth } from "./use-health";

const TONE = { ok: "bg-emerald-500", degraded: "bg-amber-500", down: "bg-red-500" } as const;

/** A live dot for the console's own dependencies, refreshed in the background. */
export function HealthIndicator() {
  const { data, isError } = useHealth();
  const status = isError ? "down" : (data?.status ?? null);
  const details = data?.details;
  const problems = details
    ? [
        !details.database.ok && `database: ${details.database.message}`,
        !details.objectStore.ok && `object store: ${details.objectStore.message}`,
        ...details.targets.filter((t) => !t.ok).map((t) => `target ${t.name}: ${t.message}`),
      ].filter(Boolean)
    : [];
  const label = status === null ? "Checking…" : status === "ok" ? "All systems ok" : problems[0] || (status === "down" ? "Console unreachable" : "Degraded");
  return (
    <div data-testid="health" className="flex items-center gap-2 text-xs text-zinc-500" title={problems.join("\n") || label}>
      <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${status ? TONE[status] : "bg-zinc-300"}`} />
      <span className="truncate">{label}</span>
    </div>
  );
}
