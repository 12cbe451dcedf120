"use client";

import { SERIES_COLORS, type CurvePoint } from "@/components/curves/chart-scale";
import { ScalarChart, type ChartSeries } from "@/components/curves/scalar-chart";
import type { RunMetricSeries } from "@/lib/runs/run-contract";

export interface RunSeries {
  runName: string;
  series: RunMetricSeries[];
}

/** One chart per metric name; inside it one line per run, each run keeping its colour across charts. */
export function MetricCharts({ runs }: { runs: RunSeries[] }) {
  const names: string[] = [];
  for (const run of runs) for (const s of run.series) if (!names.includes(s.name)) names.push(s.name);
  names.sort(metricOrder);

  if (names.length === 0) return <p className="text-sm text-zinc-500">No metric points recorded yet.</p>;
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      {names.map((name) => {
        const series: ChartSeries[] = runs.flatMap((run, index) => {
          const found = run.series.find((s) => s.name === name);
          if (!found || found.points.length === 0) return [];
          return [{ name: run.runName, color: SERIES_COLORS[index % SERIES_COLORS.length]!, points: found.points.map(toCurvePoint) }];
        });
        return <ScalarChart key={name} title={name} series={series} xAxis="step" logY={false} showRaw={false} />;
      })}
    </div>
  );
}

function toCurvePoint(point: RunMetricSeries["points"][number]): CurvePoint {
  return [point.step, Date.parse(point.at), point.value, point.value];
}

/** Evaluation metrics first (what a team judges a run by), then training loss, then the rest. */
function metricOrder(a: string, b: string): number {
  const rank = (name: string) => (/^eval|hmean|acc|precision|recall|edit/i.test(name) ? 0 : /loss/i.test(name) ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** The colour of each run in comparisons, in the runs' order. */
export function runColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}
