"use client";

import { useState } from "react";
import type { CurvesResponse } from "@/lib/schemas/curves";

/** Images the run logged (e.g. detection visualisations), one tag at a time, with a step slider. */
export function LoggedImages({ runId, images }: { runId: string; images: CurvesResponse["images"] }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {images.map((tag) => (
        <ImageTag key={tag.tag} runId={runId} tag={tag.tag} steps={tag.steps.map((s) => s.step)} />
      ))}
    </div>
  );
}

function ImageTag({ runId, tag, steps }: { runId: string; tag: string; steps: number[] }) {
  const [index, setIndex] = useState<number | null>(null);
  const at = index ?? steps.length - 1;
  const step = steps[at];
  if (step === undefined) return null;
  return (
    <figure className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <figcaption className="mb-2 flex items-center justify-between text-sm font-medium">
        <span>{tag}</span>
        <span className="text-xs text-zinc-500">step {step}</span>
      </figcaption>
      {/* eslint-disable-next-line @next/next/no-img-element -- bytes from the run's log, served by the console */}
      <img
        alt={`${tag} at step ${step}`}
        className="max-h-80 w-full object-contain"
        src={`/api/v1/runs/${encodeURIComponent(runId)}/curves/image?tag=${encodeURIComponent(tag)}&step=${step}`}
      />
      {steps.length > 1 && (
        <input
          type="range"
          className="mt-2 w-full"
          aria-label={`${tag} step`}
          min={0}
          max={steps.length - 1}
          value={at}
          onChange={(e) => setIndex(Number(e.target.value))}
        />
      )}
    </figure>
  );
}

export function LoggedTexts({ texts }: { texts: CurvesResponse["texts"] }) {
  return (
    <div className="space-y-4">
      {texts.map((tag) => (
        <section key={tag.tag}>
          <h4 className="mb-1 text-sm font-medium">{tag.tag}</h4>
          <ul className="max-h-64 divide-y divide-zinc-100 overflow-auto rounded border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
            {[...tag.entries].reverse().map((entry) => (
              <li key={`${entry.step}-${entry.timestampMs}`} className="flex gap-3 px-2 py-1">
                <span className="w-20 shrink-0 text-xs text-zinc-500">step {entry.step}</span>
                <span className="whitespace-pre-wrap">{entry.text}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** The newest histogram of each tag as bars; older steps with the slider. */
export function LoggedHistograms({ histograms }: { histograms: CurvesResponse["histograms"] }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {histograms.map((tag) => (
        <HistogramTag key={tag.tag} tag={tag.tag} entries={tag.entries} />
      ))}
    </div>
  );
}

function HistogramTag({ tag, entries }: { tag: string; entries: CurvesResponse["histograms"][number]["entries"] }) {
  const [index, setIndex] = useState<number | null>(null);
  const entry = entries[index ?? entries.length - 1];
  if (!entry) return null;
  const max = Math.max(1, ...entry.hist);
  const width = 320;
  const height = 120;
  const bar = width / Math.max(1, entry.hist.length);
  return (
    <figure className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <figcaption className="mb-2 flex justify-between text-sm font-medium">
        <span>{tag}</span>
        <span className="text-xs text-zinc-500">step {entry.step}</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={`${tag} histogram at step ${entry.step}`}>
        {entry.hist.map((count, i) => (
          <rect key={i} x={i * bar + 0.5} width={Math.max(1, bar - 1)} y={height - (count / max) * height} height={(count / max) * height} className="fill-indigo-500/70">
            <title>{`${entry.binEdges[i]?.toPrecision(3)} … ${entry.binEdges[i + 1]?.toPrecision(3)}: ${count}`}</title>
          </rect>
        ))}
      </svg>
      {entries.length > 1 && (
        <input type="range" className="mt-2 w-full" aria-label={`${tag} step`} min={0} max={entries.length - 1} value={index ?? entries.length - 1} onChange={(e) => setIndex(Number(e.target.value))} />
      )}
    </figure>
  );
}
