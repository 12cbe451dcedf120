"use client";

import { quadToPoints } from "@/components/ocr/polygon-points";
import type { Sample } from "@/lib/datasets/preview/preview-schemas";
import { sampleImageUrl } from "./sample-urls";

/**
 * One sample in the gallery: the thumbnail with its boxes drawn over it (in the image's own pixel
 * frame, so they fit a thumbnail of any scale), then its text. The whole tile opens the sample large.
 */
export function SampleTile({ datasetName, sample, onOpen }: { datasetName: string; sample: Sample; onOpen(): void }) {
  const texts = sample.text !== null ? [sample.text] : sample.boxes.filter((b) => !b.ignored).map((b) => b.transcription);
  const label = sample.imagePath ?? `line ${sample.line}`;
  return (
    <li className="flex flex-col overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950" data-testid="sample-tile">
      <button
        type="button"
        onClick={onOpen}
        className="group relative flex h-44 items-center justify-center bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:bg-zinc-900"
        aria-label={`Open ${label} (line ${sample.line})`}
      >
        {sample.image && sample.imagePath ? (
          // Thumbnail and boxes share one SVG in the image's own pixel frame, so the boxes sit on the text
          // whatever the thumbnail's scale and the tile's shape.
          <svg
            viewBox={`0 0 ${sample.image.width} ${sample.image.height}`}
            preserveAspectRatio="xMidYMid meet"
            className="h-full w-full"
            role="img"
            aria-label={texts.length > 0 ? `Sample ${label}: ${texts.slice(0, 3).join(" · ")}` : `Sample ${label}`}
          >
            <image href={sampleImageUrl(datasetName, sample.imagePath, "thumb")} width={sample.image.width} height={sample.image.height} data-testid="sample-thumbnail" />
            {sample.boxes.map((box, i) => (
              <polygon
                key={i}
                data-testid="sample-box"
                points={quadToPoints(box.points)}
                vectorEffect="non-scaling-stroke"
                strokeWidth={1.5}
                className={box.ignored ? "fill-zinc-500/20 stroke-zinc-500" : "fill-indigo-500/15 stroke-indigo-500"}
              />
            ))}
          </svg>
        ) : (
          <span className="px-3 text-center text-xs text-red-700 dark:text-red-400">{sample.imageProblem ?? sample.labelProblem ?? "No image"}</span>
        )}
      </button>
      <div className="space-y-0.5 border-t border-zinc-200 px-2 py-1.5 text-xs dark:border-zinc-800">
        <div className="truncate font-mono text-zinc-500" title={label}>
          {label}
        </div>
        {sample.labelProblem ? (
          <div className="line-clamp-2 text-red-700 dark:text-red-400">{sample.labelProblem}</div>
        ) : texts.length > 0 ? (
          <div className="line-clamp-2 text-zinc-800 dark:text-zinc-200">
            {texts.join(" · ")}
          </div>
        ) : (
          <div className="text-zinc-400">{sample.boxes.length > 0 ? "only ignored (###) regions" : "no text"}</div>
        )}
      </div>
    </li>
  );
}
