"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { RunCurves } from "@/components/curves/run-curves";
import { useRunCurves } from "@/components/curves/use-curves";
import type { RunMetricSeries } from "@/lib/runs/run-contract";
import type { RunView } from "@/lib/schemas/runs";
import { getJson } from "./api-client";
import { MetricCharts } from "./metric-charts";
import { isActiveState } from "./run-state-badge";

type View = "visualdl" | "ui" | "log";

/**
 * The Curves tab: the run's VisualDL records drawn natively (live while it trains), the run's own
 * VisualDL UI through the console's proxy where the target runs one, and the metrics parsed from the
 * training log for runs that log no VisualDL records.
 */
export function RunCurvesSlot({ run }: { run: RunView }) {
  const live = isActiveState(run.state);
  // Shares its cache with the charts below: one request tells which views this run has.
  const probe = useRunCurves(run.id, 0.6, false);
  const [chosen, setChosen] = useState<View | null>(null);
  const hasRecords = probe.data?.available === true && probe.data.scalars.length + probe.data.images.length + probe.data.texts.length + probe.data.histograms.length > 0;
  const hasUi = probe.data?.visualDlUi === true;
  const view: View = chosen ?? (hasRecords || live ? "visualdl" : "log");

  const tabs: Array<[View, string, boolean]> = [
    ["visualdl", "VisualDL curves", true],
    ["ui", "Open VisualDL", hasUi],
    ["log", "From the training log", true],
  ];

  return (
    <div className="space-y-4" data-testid="run-curves">
      <div role="tablist" aria-label="Curve views" className="flex gap-1 border-b border-zinc-200 text-sm dark:border-zinc-800">
        {tabs
          .filter(([, , shown]) => shown)
          .map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={view === id}
              onClick={() => setChosen(id)}
              className={`-mb-px border-b-2 px-3 py-1.5 ${view === id ? "border-indigo-600 font-medium text-indigo-700 dark:text-indigo-300" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400"}`}
            >
              {label}
            </button>
          ))}
      </div>
      {view === "visualdl" && <RunCurves runId={run.id} live={live} />}
      {view === "ui" && hasUi && (
        <iframe
          title={`VisualDL of ${run.name}`}
          src={`/api/v1/runs/${encodeURIComponent(run.id)}/visualdl/app/`}
          className="h-[75vh] w-full rounded-lg border border-zinc-200 dark:border-zinc-800"
        />
      )}
      {view === "log" && <LogMetrics run={run} live={live} />}
    </div>
  );
}

function LogMetrics({ run, live }: { run: RunView; live: boolean }) {
  const { data, error, isPending } = useQuery({
    queryKey: ["runs", "run", run.id, "metrics"],
    queryFn: async () => {
      const body = await getJson<RunMetricSeries[] | { items: RunMetricSeries[] }>(`/api/v1/runs/${encodeURIComponent(run.id)}/metrics?maxPoints=1000`);
      return Array.isArray(body) ? body : body.items;
    },
    refetchInterval: live ? 5_000 : false,
  });
  if (isPending) return <p className="text-sm text-zinc-500">Loading metrics…</p>;
  if (error) return <p role="alert" className="text-sm text-red-700 dark:text-red-400">Could not load the metrics: {error.message}</p>;
  return (
    <div className="space-y-3">
      <p className="text-xs text-zinc-500">Metrics parsed from the training log (loss, learning rate, evaluation scores) by global step.</p>
      <MetricCharts runs={[{ runName: run.name, series: data }]} />
    </div>
  );
}
