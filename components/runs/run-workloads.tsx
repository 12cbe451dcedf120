"use client";

import { useQuery } from "@tanstack/react-query";
import type { RunWorkloads } from "@/lib/providers/training";
import type { RunView } from "@/lib/schemas/runs";
import { getJson } from "./api-client";
import { isActiveState } from "./run-state-badge";

/** The run's shared volume and pods by role with restarts, for runs on a cluster; nothing elsewhere. */
export function RunWorkloadsPanel({ run }: { run: RunView }) {
  const { data } = useQuery({
    queryKey: ["runs", "run", run.id, "workloads"],
    queryFn: () => getJson<RunWorkloads>(`/api/v1/runs/${encodeURIComponent(run.id)}/workloads`),
    enabled: run.targetKind === "kubernetes",
    refetchInterval: isActiveState(run.state) ? 3_000 : false,
  });
  if (!data || (!data.volume && data.pods.length === 0)) return null;
  return (
    <section aria-label="Workloads" className="space-y-2">
      <h2 className="text-sm font-semibold">Workloads</h2>
      {data.volume && (
        <p className="text-sm">
          <span className="text-zinc-500">Shared volume </span>
          <span className="font-mono text-xs">{data.volume.name}</span> · {data.volume.phase}
          {data.volume.capacity ? ` · ${data.volume.capacity}` : ""}
        </p>
      )}
      {data.pods.length > 0 && (
        <table aria-label="Pods" className="w-full text-left text-sm">
          <thead className="text-xs uppercase text-zinc-500">
            <tr>
              <th className="py-1 pr-3">Pod</th>
              <th className="py-1 pr-3">Role</th>
              <th className="py-1 pr-3">Phase</th>
              <th className="py-1 pr-3">Restarts</th>
              <th className="py-1 pr-3">Node</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {data.pods.map((pod) => (
              <tr key={pod.name}>
                <td className="py-1 pr-3 font-mono text-xs">{pod.name}</td>
                <td className="py-1 pr-3">{pod.role}</td>
                <td className="py-1 pr-3">{pod.phase}</td>
                <td className={`py-1 pr-3 tabular-nums ${pod.restarts > 0 ? "font-semibold text-amber-700 dark:text-amber-400" : ""}`}>{pod.restarts}</td>
                <td className="py-1 pr-3 font-mono text-xs">{pod.node ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
