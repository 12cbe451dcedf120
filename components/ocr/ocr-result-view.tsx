"use client";

import type { OcrResult } from "@/lib/ocr";
import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { OcrLinesTable } from "./ocr-lines-table";
import { OcrOverlay } from "./ocr-overlay";
import { OcrTimings } from "./ocr-timings";

export interface OcrResultViewProps {
  imageUrl: string;
  result: OcrResult;
  latencyMs?: number;
}

const TABS = [
  { id: "boxes", label: "Boxes" },
  { id: "json", label: "JSON" },
] as const;
type TabId = (typeof TABS)[number]["id"];

export function OcrResultView({ imageUrl, result, latencyMs }: OcrResultViewProps) {
  const [tab, setTab] = useState<TabId>("boxes");
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const tabRefs = useRef<Record<TabId, HTMLButtonElement | null>>({ boxes: null, json: null });
  const baseId = useId();

  // An index into the previous result would point at an unrelated line of the new one.
  const [shownResult, setShownResult] = useState(result);
  if (shownResult !== result) {
    setShownResult(result);
    setHighlighted(null);
  }

  const json = useMemo(() => JSON.stringify(result, null, 2), [result]);

  async function copy(what: "text" | "JSON") {
    try {
      // navigator.clipboard is absent outside secure contexts (plain http to a remote host).
      if (!navigator.clipboard) throw new Error("Clipboard unavailable");
      // The text in reading order, one line per detected line: what most users paste elsewhere.
      await navigator.clipboard.writeText(what === "JSON" ? json : result.lines.map((l) => l.text).join("\n"));
      toast.success(`${what === "JSON" ? "JSON" : "Text"} copied to clipboard`);
    } catch {
      toast.error("Could not copy — use Download JSON instead");
    }
  }

  function downloadJson() {
    const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `ocr-result-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    // Revoking synchronously can cancel the download in some browsers before it has started.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function onTabKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight" && e.key !== "Home" && e.key !== "End") return;
    e.preventDefault();
    const i = TABS.findIndex((t) => t.id === tab);
    const next =
      e.key === "Home" ? TABS[0] : e.key === "End" ? TABS[TABS.length - 1] : TABS[(i + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length];
    if (!next) return;
    setTab(next.id);
    tabRefs.current[next.id]?.focus();
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <div role="tablist" aria-label="Result view" className="flex gap-4 border-b border-zinc-200 dark:border-zinc-800">
          {TABS.map((t) => {
            const active = t.id === tab;
            return (
              <button
                key={t.id}
                ref={(el) => {
                  tabRefs.current[t.id] = el;
                }}
                type="button"
                role="tab"
                id={`${baseId}-tab-${t.id}`}
                aria-selected={active}
                aria-controls={active ? `${baseId}-panel-${t.id}` : undefined}
                tabIndex={active ? 0 : -1}
                onClick={() => setTab(t.id)}
                onKeyDown={onTabKeyDown}
                className={`-mb-px border-b-2 px-1 pb-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${
                  active ? "border-indigo-600 font-medium text-indigo-700 dark:text-indigo-300" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
                }`}
              >
                {t.label}
              </button>
            );
          })}
        </div>
        <Badge tone={result.lines.length > 0 ? "info" : "neutral"}>
          {result.lines.length} {result.lines.length === 1 ? "line" : "lines"}
        </Badge>
        <div className="ml-auto flex gap-2">
          <Button variant="secondary" onClick={() => void copy("text")} disabled={result.lines.length === 0}>
            Copy text
          </Button>
          <Button variant="secondary" onClick={() => void copy("JSON")}>
            Copy JSON
          </Button>
          <Button variant="secondary" onClick={downloadJson}>
            Download JSON
          </Button>
        </div>
      </div>

      <OcrTimings timings={result.timings} latencyMs={latencyMs} />

      {tab === "boxes" ? (
        <div
          role="tabpanel"
          id={`${baseId}-panel-boxes`}
          aria-labelledby={`${baseId}-tab-boxes`}
          className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"
        >
          <OcrOverlay imageUrl={imageUrl} result={result} highlighted={highlighted} onHighlight={setHighlighted} />
          <OcrLinesTable lines={result.lines} highlighted={highlighted} onHighlight={setHighlighted} />
        </div>
      ) : (
        <div role="tabpanel" id={`${baseId}-panel-json`} aria-labelledby={`${baseId}-tab-json`}>
          <pre
            data-testid="ocr-json"
            // Focusable so keyboard users can scroll a long result.
            tabIndex={0}
            className="max-h-[70vh] overflow-auto rounded-lg border border-zinc-200 bg-zinc-50 p-4 font-mono text-xs leading-relaxed focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:border-zinc-800 dark:bg-zinc-900"
          >
            {json}
          </pre>
        </div>
      )}
    </div>
  );
}
