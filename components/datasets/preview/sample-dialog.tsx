"use client";

import { useEffect, useRef, useState } from "react";
import { OcrOverlay } from "@/components/ocr/ocr-overlay";
import { Button } from "@/components/ui/button";
import type { Sample } from "@/lib/datasets/preview/preview-schemas";
import type { OcrResult, Quad } from "@/lib/ocr";
import { sampleImageUrl } from "./sample-urls";

/** The OCR viewer's input from a label: the labelled boxes stand where detected lines would. */
function labelAsResult(sample: Sample): OcrResult {
  return {
    width: sample.image?.width ?? 0,
    height: sample.image?.height ?? 0,
    // Label polygons may have more than 4 points; the viewer draws any polygon.
    lines: sample.boxes.map((box) => ({ text: box.ignored ? "### (ignored)" : box.transcription, score: 1, box: box.points as unknown as Quad })),
    timings: { decodeMs: 0, detMs: 0, clsMs: 0, recMs: 0, totalMs: 0 },
  };
}

/** A sample at full size: zoomable image with its boxes, and its labels listed beside it (hover links the two). */
export function SampleDialog({ datasetName, sample, onClose }: { datasetName: string; sample: Sample; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [highlighted, setHighlighted] = useState<number | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const title = sample.imagePath ?? `Line ${sample.line}`;
  const url = sample.imagePath && sample.image ? sampleImageUrl(datasetName, sample.imagePath, "full") : null;
  return (
    <dialog
      ref={ref}
      aria-label={`Sample ${title}`}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === ref.current) ref.current?.close();
      }}
      className="m-auto w-full max-w-5xl rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="space-y-3 p-4">
        <div className="flex items-start justify-between gap-3">
          <div>
            <h2 className="font-mono text-sm font-semibold">{title}</h2>
            <p className="text-xs text-zinc-500">
              line {sample.line}
              {sample.image ? ` · ${sample.image.width}×${sample.image.height}px` : ""}
              {sample.boxes.length > 0 ? ` · ${sample.boxes.length} ${sample.boxes.length === 1 ? "box" : "boxes"}` : ""}
            </p>
          </div>
          <Button variant="secondary" onClick={() => ref.current?.close()}>
            Close
          </Button>
        </div>
        {sample.labelProblem && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {sample.labelProblem}
          </p>
        )}
        {url ? (
          sample.boxes.length > 0 ? (
            <div className="grid gap-4 lg:grid-cols-[1fr_16rem]">
              <OcrOverlay imageUrl={url} result={labelAsResult(sample)} highlighted={highlighted} onHighlight={setHighlighted} />
              <ol className="max-h-[70vh] space-y-1 overflow-auto text-sm" aria-label="Transcriptions">
                {sample.boxes.map((box, i) => (
                  <li
                    key={i}
                    onPointerEnter={() => setHighlighted(i)}
                    onPointerLeave={() => setHighlighted(null)}
                    className={`rounded px-2 py-1 ${highlighted === i ? "bg-amber-100 dark:bg-amber-900/40" : ""} ${box.ignored ? "text-zinc-400" : ""}`}
                  >
                    <span className="mr-2 text-xs text-zinc-400">{i + 1}</span>
                    {box.ignored ? "### (ignored region)" : box.transcription || <em className="text-red-600">empty</em>}
                  </li>
                ))}
              </ol>
            </div>
          ) : (
            <div className="space-y-3">
              {/* eslint-disable-next-line @next/next/no-img-element -- a private, authenticated API image, not a static asset */}
              <img src={url} alt={`Sample ${title}`} className="mx-auto block max-h-[60vh] max-w-full rounded border border-zinc-200 dark:border-zinc-700" />
              {sample.text !== null && (
                <p className="text-center text-lg" data-testid="sample-text">
                  {sample.text === "" ? <em className="text-red-600">empty text</em> : sample.text}
                </p>
              )}
            </div>
          )
        ) : (
          <p className="text-sm text-red-700 dark:text-red-400">{sample.imageProblem ?? "This line names no image."}</p>
        )}
      </div>
    </dialog>
  );
}
