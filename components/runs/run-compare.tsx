"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { RunComparison } from "@/lib/runs/run-contract";
import { formatMetric } from "./format";
import { CompareCurves } from "@/components/curves/compare-curves";
import { MetricCharts, runColor } from "./metric-charts";
import { isActiveState, RunStateBadge } from "./run-state-badge";

const HEAD = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500 whitespace-nowrap";

function RunHeading({ name, index }: { name: string; index: number }) {
  return (
    <span className="inline-flex items-center gap-1.5 normal-case">
      <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-full" style={{ backgroundColor: runColor(index) }} />
      <Link href={`/runs/${encodeURIComponent(name)}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
        {name}
      </Link>
    </span>
  );
}

/** Index of the best value in a row (highest, or lowest for losses), or -1 when fewer than two runs have one. */
function bestIndex(values: Array<number | null>, higherIsBetter: boolean): number {
  let best = -1;
  values.forEach((value, index) => {
    if (value === null) return;
    if (best < 0 || (higherIsBetter ? value > values[best]! : value < values[best]!)) best = index;
  });
  return values.filter((v) => v !== null).length > 1 ? best : -1;
}

/** 2–6 runs side by side: what differs in their parameters, how their metrics ended, their curves overlaid. */
export function RunCompare({ comparison }: { comparison: RunComparison }) {
  const router = useRouter();
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const { runs, parameters, metrics, series } = comparison;
  const anyActive = runs.some((run) => isActiveState(run.state));

  // Runs still training keep changing: refresh the comparison until all of them have finished.
  useEffect(() => {
    if (!anyActive) return;
    const timer = setInterval(() => router.refresh(), 5_000);
    return () => clearInterval(timer);
  }, [anyActive, router]);

  const shownParameters = onlyDifferences ? parameters.filter((p) => p.differs) : parameters;
  const differing = parameters.filter((p) => p.differs).length;

  return (
    <div className="space-y-8">
      <ul aria-label="Compared runs" className="flex flex-wrap gap-3 text-sm">
        {runs.map((run, index) => (
          <li key={run.id} className="flex items-center gap-2 rounded-md border border-zinc-200 px-2 py-1 dark:border-zinc-800">
            <RunHeading name={run.name} index={index} />
            <RunStateBadge state={run.state} phase={run.phase} />
          </li>
        ))}
      </ul>

      <section aria-label="Parameters" className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-base font-semibold">
            Parameters <span className="text-sm font-normal text-zinc-500">({differing} differ)</span>
          </h2>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} /> Only differences
          </label>
        </div>
        <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
          <table aria-label="Parameters diff" className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
            <thead className="bg-zinc-50 dark:bg-zinc-900">
              <tr>
                <th scope="col" className={HEAD}>Parameter</th>
                {runs.map((run, index) => (
                  <th key={run.id} scope="col" className={HEAD}>
                    <RunHeading name={run.name} index={index} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
              {shownParameters.map((parameter) => (
                <tr
                  key={parameter.name}
                  data-differs={parameter.differs || undefined}
                  className={parameter.differs ? "bg-amber-50 dark:bg-amber-950/40" : undefined}
                >
                  <th scope="row" className="whitespace-nowrap px-3 py-1.5 text-left font-mono text-xs font-normal">
                    {parameter.differs && <span className="sr-only">Differs: </span>}
                    {parameter.name}
                  </th>
                  {parameter.values.map((value, index) => (
                    <td key={runs[index]?.id ?? index} className={`px-3 py-1.5 font-mono text-xs ${parameter.differs ? "font-semibold" : ""}`}>
                      <span className="break-all">{value ?? "—"}</span>
                    </td>
                  ))}
                </tr>
              ))}
              {shownParameters.length === 0 && (
                <tr>
                  <td colSpan={runs.length + 1} className="px-3 py-4 text-center text-sm text-zinc-500">
                    The runs share every parameter.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-label="Metrics" className="space-y-2">
        <h2 className="text-base font-semibold">Metrics</h2>
        {metrics.length === 0 ? (
          <p className="text-sm text-zinc-500">None of these runs has metrics yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
            <table aria-label="Metrics comparison" className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
              <thead className="bg-zinc-50 dark:bg-zinc-900">
                <tr>
                  <th scope="col" className={HEAD}>Metric</th>
                  {runs.map((run, index) => (
                    <th key={run.id} scope="col" className={HEAD}>
                      <RunHeading name={run.name} index={index} />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
                {metrics.map((metric) => {
                  const bestOfBest = bestIndex(metric.best, metric.higherIsBetter);
                  return (
                    <tr key={metric.name}>
                      <th scope="row" className="whitespace-nowrap px-3 py-1.5 text-left font-mono text-xs font-normal">
                        {metric.name}
                        <span className="ml-1 text-zinc-400">{metric.higherIsBetter ? "↑" : "↓"}</span>
                      </th>
                      {runs.map((run, index) => (
                        <td key={run.id} className={`px-3 py-1.5 font-mono text-xs ${index === bestOfBest ? "bg-emerald-50 font-semibold dark:bg-emerald-950/40" : ""}`}>
                          <span title="final value">{formatMetric(metric.final[index])}</span>
                          <span className="ml-2 text-zinc-500" title="best value">
                            best {formatMetric(metric.best[index])}
                          </span>
                          {index === bestOfBest && <span className="sr-only"> (best of the compared runs)</span>}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <p className="text-xs text-zinc-500">Each cell: the final value, then the best one (highest, or lowest for losses). The best run per metric is marked green.</p>
      </section>

      <section aria-label="VisualDL curves" className="space-y-2">
        <h2 className="text-base font-semibold">VisualDL curves</h2>
        <CompareCurves runIds={runs.map((run) => run.id)} live={anyActive} />
      </section>

      <section aria-label="Curves" className="space-y-2">
        <h2 className="text-base font-semibold">Metrics from the training logs</h2>
        <MetricCharts runs={runs.map((run, index) => ({ runName: run.name, series: series[index]?.series ?? [] }))} />
      </section>
    </div>
  );
}
