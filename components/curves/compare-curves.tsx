"use client";

import { useState } from "react";
import type { CompareCurvesResponse, ScalarCurveView } from "@/lib/schemas/curves";
import { formatValue, SERIES_COLORS } from "./chart-scale";
import { CurveControls, DEFAULT_CURVE_SETTINGS } from "./curve-controls";
import { groupByPrefix } from "./run-curves";
import { ScalarChart } from "./scalar-chart";
import { useCompareCurves } from "./use-curves";

interface TagRow {
  tag: string;
  group: string;
  better: "lower" | "higher";
  perRun: Array<ScalarCurveView | null>;
}

function tagRows(data: CompareCurvesResponse): TagRow[] {
  const tags = new Map<string, TagRow>();
  data.runs.forEach((run, r) => {
    for (const curve of run.scalars) {
      const row = tags.get(curve.tag) ?? { tag: curve.tag, group: curve.group, better: curve.better, perRun: data.runs.map(() => null) };
      row.perRun[r] = curve;
      tags.set(curve.tag, row);
    }
  });
  return [...tags.values()].sort((a, b) => (a.tag < b.tag ? -1 : 1));
}

/** Several runs' curves overlaid, one colour per run, with final and best values per tag. */
export function CompareCurves({ runIds, live }: { runIds: string[]; live: boolean }) {
  const [settings, setSettings] = useState(DEFAULT_CURVE_SETTINGS);
  const { data, error, isPending } = useCompareCurves(runIds, settings.smoothing, live);
  if (isPending) return <p className="text-sm text-zinc-500">Reading the runs&apos; VisualDL logs…</p>;
  if (error) return <p className="text-sm text-red-600">Could not read the curves: {error.message}</p>;
  const rows = tagRows(data);
  if (rows.length === 0) return <p className="text-sm text-zinc-500">None of these runs has VisualDL scalars yet.</p>;
  const color = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length]!;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-4">
        <CurveControls settings={settings} onChange={setSettings} />
        <ul className="flex flex-wrap gap-3 text-sm" aria-label="Runs">
          {data.runs.map((run, i) => (
            <li key={run.id} className="flex items-center gap-1">
              <span className="inline-block size-3 rounded-sm" style={{ background: color(i) }} />
              {run.name}
            </li>
          ))}
        </ul>
      </div>
      <table className="w-full text-left text-sm" aria-label="Final and best values">
        <thead className="text-xs uppercase text-zinc-500">
          <tr>
            <th className="py-1 pr-3">Tag</th>
            {data.runs.map((run) => (
              <th key={run.id} className="py-1 pr-3">
                {run.name} <span className="normal-case">final / best</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rows.map((row) => {
            const bests = row.perRun.map((c) => c?.best?.value ?? null).filter((v): v is number => v !== null);
            const winner = bests.length > 1 ? (row.better === "lower" ? Math.min(...bests) : Math.max(...bests)) : null;
            return (
              <tr key={row.tag}>
                <td className="py-1 pr-3 font-mono text-xs">{row.tag}</td>
                {row.perRun.map((curve, i) => (
                  <td key={data.runs[i]!.id} className="py-1 pr-3 tabular-nums">
                    {curve ? (
                      <>
                        {curve.last ? formatValue(curve.last.value) : "—"} /{" "}
                        <span className={curve.best?.value === winner ? "font-semibold text-emerald-700 dark:text-emerald-400" : ""}>
                          {curve.best ? formatValue(curve.best.value) : "—"}
                        </span>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {groupByPrefix(rows).map(([group, groupRows]) => (
        <section key={group || "other"}>
          <h3 className="mb-2 text-sm font-semibold uppercase tracking-wide text-zinc-500">{group || "other"}</h3>
          <div className="grid gap-4 xl:grid-cols-2">
            {groupRows.map((row) => (
              <ScalarChart
                key={row.tag}
                title={row.tag}
                xAxis={settings.xAxis}
                logY={settings.logY}
                showRaw={settings.showRaw}
                series={row.perRun.flatMap((curve, i) => (curve ? [{ name: data.runs[i]!.name, color: color(i), points: curve.points }] : []))}
              />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
