"use client";

import { useState } from "react";
import type { ScalarCurveView } from "@/lib/schemas/curves";
import { SERIES_COLORS } from "./chart-scale";
import { CurveControls, DEFAULT_CURVE_SETTINGS } from "./curve-controls";
import { LastData } from "./last-data";
import { LoggedHistograms, LoggedImages, LoggedTexts } from "./logged-media";
import { ScalarChart } from "./scalar-chart";
import { useRunCurves } from "./use-curves";

export function groupByPrefix<T extends { group: string }>(curves: T[]): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const curve of curves) {
    const list = groups.get(curve.group) ?? [];
    list.push(curve);
    groups.set(curve.group, list);
  }
  return [...groups.entries()];
}

/** The Curves tab of a run: the run's VisualDL records, live while it trains. */
export function RunCurves({ runId, live }: { runId: string; live: boolean }) {
  const [settings, setSettings] = useState(DEFAULT_CURVE_SETTINGS);
  const { data, error, isPending } = useRunCurves(runId, settings.smoothing, live);

  if (isPending) return <p className="text-sm text-zinc-500">Reading the run&apos;s VisualDL logs…</p>;
  if (error) return <p className="text-sm text-red-600">Could not read the curves: {error.message}</p>;
  if (!data.available || data.scalars.length + data.images.length + data.texts.length + data.histograms.length === 0) {
    return (
      <div className="space-y-2">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{data.message ?? "No VisualDL records yet."}</p>
        {live && <LastData at={data.lastDataAt} live={live} />}
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <CurveControls settings={settings} onChange={setSettings} />
        <LastData at={data.lastDataAt} live={live} />
      </div>
      {groupByPrefix(data.scalars).map(([group, curves]) => (
        <section key={group || "other"} aria-label={`${group || "other"} curves`}>
          <h3 className="mb-2 text-sm font-semibold uppercase tracking-wide text-zinc-500">{group || "other"}</h3>
          <div className="grid gap-4 xl:grid-cols-2">
            {curves.map((curve) => (
              <CurveCard key={curve.tag} runId={runId} curve={curve} settings={settings} />
            ))}
          </div>
        </section>
      ))}
      {data.images.length > 0 && (
        <section aria-label="Images">
          <h3 className="mb-2 text-sm font-semibold uppercase tracking-wide text-zinc-500">Images</h3>
          <LoggedImages runId={runId} images={data.images} />
        </section>
      )}
      {data.texts.length > 0 && (
        <section aria-label="Text">
          <h3 className="mb-2 text-sm font-semibold uppercase tracking-wide text-zinc-500">Text</h3>
          <LoggedTexts texts={data.texts} />
        </section>
      )}
      {data.histograms.length > 0 && (
        <section aria-label="Histograms">
          <h3 className="mb-2 text-sm font-semibold uppercase tracking-wide text-zinc-500">Histograms</h3>
          <LoggedHistograms histograms={data.histograms} />
        </section>
      )}
    </div>
  );
}

function CurveCard({ runId, curve, settings }: { runId: string; curve: ScalarCurveView; settings: typeof DEFAULT_CURVE_SETTINGS }) {
  return (
    <div>
      <ScalarChart
        title={curve.tag}
        series={[{ name: curve.tag, color: SERIES_COLORS[0]!, points: curve.points }]}
        xAxis={settings.xAxis}
        logY={settings.logY}
        showRaw={settings.showRaw}
      />
      <div className="mt-1 flex justify-between text-xs text-zinc-500">
        <span>
          {curve.count.toLocaleString()} points · last {curve.last ? `${curve.last.value.toPrecision(4)} @ ${curve.last.step}` : "—"} · best{" "}
          {curve.best ? `${curve.best.value.toPrecision(4)} @ ${curve.best.step}` : "—"}
        </span>
        <a className="text-indigo-600 hover:underline dark:text-indigo-400" href={`/api/v1/runs/${encodeURIComponent(runId)}/curves/csv?tag=${encodeURIComponent(curve.tag)}`} download>
          CSV
        </a>
      </div>
    </div>
  );
}
