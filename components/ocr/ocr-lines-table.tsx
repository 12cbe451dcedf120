"use client";

import type { OcrLine } from "@/lib/ocr";
import { useEffect, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { formatBox } from "./polygon-points";

export interface OcrLinesTableProps {
  lines: readonly OcrLine[];
  highlighted: number | null;
  onHighlight(index: number | null): void;
}

const HEAD = ["#", "Text", "Score", "Box"];

export function OcrLinesTable({ lines, highlighted, onHighlight }: OcrLinesTableProps) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const pointerInsideRef = useRef(false);

  // Follow highlights that come from the image, but only inside the table's own scroller:
  // scrollIntoView would also scroll the page away from the image the user is hovering.
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (highlighted === null || !scroller || pointerInsideRef.current) return;
    const row = scroller.querySelector<HTMLElement>(`tr[data-index="${highlighted}"]`);
    if (!row) return;
    const header = scroller.querySelector("thead")?.getBoundingClientRect().height ?? 0;
    const box = scroller.getBoundingClientRect();
    const r = row.getBoundingClientRect();
    if (r.top < box.top + header) scroller.scrollTop -= box.top + header - r.top;
    else if (r.bottom > box.bottom) scroller.scrollTop += r.bottom - box.bottom;
  }, [highlighted]);

  if (lines.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        No text found
      </div>
    );
  }

  return (
    <div
      ref={scrollerRef}
      className="max-h-[70vh] overflow-auto rounded-lg border border-zinc-200 dark:border-zinc-800"
      onPointerEnter={() => (pointerInsideRef.current = true)}
      onPointerLeave={() => (pointerInsideRef.current = false)}
    >
      <table aria-label="Recognised text lines" className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        <thead className="sticky top-0 z-10 bg-zinc-50 dark:bg-zinc-900">
          <tr>
            {HEAD.map((h) => (
              <th key={h} scope="col" className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {lines.map((line, i) => {
            const active = i === highlighted;
            return (
              <tr
                key={i}
                data-testid="ocr-line"
                data-index={i}
                data-highlighted={active || undefined}
                // Focusable so keyboard users can highlight a box, the same as hovering.
                tabIndex={0}
                onPointerEnter={() => onHighlight(i)}
                onPointerLeave={() => onHighlight(null)}
                onFocus={() => onHighlight(i)}
                onBlur={() => onHighlight(null)}
                className={`cursor-default outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-indigo-500 ${
                  active ? "bg-amber-50 dark:bg-amber-950/40" : "hover:bg-zinc-50 dark:hover:bg-zinc-900"
                }`}
              >
                <td className="whitespace-nowrap px-3 py-1.5 font-mono text-xs text-zinc-500 tabular-nums">{i + 1}</td>
                <td className="px-3 py-1.5">
                  <span className="break-words">{line.text}</span>
                  {line.angle?.label === "180" && (
                    <span className="ml-2">
                      <Badge tone="info">rotated 180°</Badge>
                    </span>
                  )}
                </td>
                <td className="whitespace-nowrap px-3 py-1.5 font-mono text-xs tabular-nums">{line.score.toFixed(3)}</td>
                <td className="whitespace-nowrap px-3 py-1.5 font-mono text-xs text-zinc-500">{formatBox(line.box)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
