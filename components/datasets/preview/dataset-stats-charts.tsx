import { BarChart } from "@/components/charts/bar-chart";
import { Histogram } from "@/components/charts/histogram";
import { ScatterPlot } from "@/components/charts/scatter-plot";
import type { DatasetStatsView } from "@/lib/datasets/preview/preview-schemas";
import { visibleCharacter } from "./sample-urls";

/** Characters shown in the frequency chart; the stats keep the top 100. */
const TOP_CHARACTERS = 30;

/** The dataset's distributions as charts: what a user checks before training on it. */
export function DatasetStatsCharts({ view }: { view: DatasetStatsView }) {
  const { stats, task } = view;
  const chars = stats.charFrequency.slice(0, TOP_CHARACTERS);
  return (
    <section aria-labelledby="dataset-stats-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="dataset-stats-heading" className="text-base font-semibold">
          Statistics
        </h2>
        <p className="text-xs text-zinc-500">
          {view.source === "version" ? `From validated version ${view.version}` : "Computed from the files just now (validate the dataset to keep them with a version)"}
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {task === "det" && <Histogram title="Boxes per image" bins={stats.boxesPerImage} xLabel="Boxes in the image" yLabel="Images" />}
        {task !== "cls" && (
          <Histogram
            title="Text length"
            bins={stats.textLength}
            xLabel="Characters per text (PaddleOCR drops rec labels over max_text_length, 25 by default)"
            yLabel="Texts"
          />
        )}
        {task !== "cls" && (
          <BarChart
            title={`Character frequency (top ${Math.min(TOP_CHARACTERS, chars.length)})`}
            data={chars.map((c) => ({ label: visibleCharacter(c.char), value: c.count }))}
            xLabel="Character"
            yLabel="Occurrences"
          />
        )}
        <ScatterPlot
          title="Image sizes"
          data={stats.imageSizes.map((s) => ({ x: s.w, y: s.h, weight: s.count, label: `${s.w}×${s.h}` }))}
          xLabel="Width (px)"
          yLabel="Height (px)"
          weightLabel="images"
          emptyMessage="No readable images."
        />
      </div>
    </section>
  );
}
