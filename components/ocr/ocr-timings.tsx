import type { OcrTimings as OcrTimingsData } from "@/lib/ocr";

export interface OcrTimingsProps {
  timings: OcrTimingsData;
  /** Client-measured request round trip, including upload and network. */
  latencyMs?: number;
}

const STAGES = [
  { key: "decodeMs", label: "Decode", color: "bg-zinc-400 dark:bg-zinc-500" },
  { key: "detMs", label: "Detection", color: "bg-indigo-500" },
  { key: "clsMs", label: "Classification", color: "bg-sky-500" },
  { key: "recMs", label: "Recognition", color: "bg-emerald-500" },
] as const satisfies readonly { key: keyof OcrTimingsData; label: string; color: string }[];

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  return ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

export function OcrTimings({ timings, latencyMs }: OcrTimingsProps) {
  const stages = STAGES.map((s) => ({ ...s, ms: Math.max(0, timings[s.key]) }));
  const staged = stages.reduce((sum, s) => sum + s.ms, 0);
  // Whatever the stages do not account for (sorting, bookkeeping) is shown rather than
  // hidden, so the bar always adds up to the reported total.
  const otherMs = Math.max(0, timings.totalMs - staged);
  const segments = [...stages, ...(otherMs > 0.05 ? [{ key: "other", label: "Other", color: "bg-zinc-300 dark:bg-zinc-700", ms: otherMs }] : [])];
  const scale = Math.max(timings.totalMs, staged);
  const summary = segments.map((s) => `${s.label} ${formatMs(s.ms)}`).join(", ");

  return (
    <section aria-label="Timings" className="space-y-2">
      <div
        role="img"
        aria-label={`Server time ${formatMs(timings.totalMs)}: ${summary}`}
        className="flex h-2.5 w-full overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
      >
        {scale > 0 &&
          segments.map((s) =>
            s.ms > 0 ? <div key={s.key} title={`${s.label}: ${formatMs(s.ms)}`} className={s.color} style={{ width: `${(s.ms / scale) * 100}%` }} /> : null,
          )}
      </div>
      <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {segments.map((s) => (
          <div key={s.key} className="flex items-center gap-1.5" data-testid={`ocr-timing-${s.key}`}>
            <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-sm ${s.color}`} />
            <dt className="text-zinc-500">{s.label}</dt>
            <dd className="font-mono tabular-nums">{formatMs(s.ms)}</dd>
          </div>
        ))}
        <div className="flex items-center gap-1.5 font-medium" data-testid="ocr-timing-total">
          <dt className="text-zinc-600 dark:text-zinc-300">Total</dt>
          <dd className="font-mono tabular-nums">{formatMs(timings.totalMs)}</dd>
        </div>
        {latencyMs !== undefined && (
          <div className="flex items-center gap-1.5" data-testid="ocr-timing-latency" title="Measured in the browser: upload, network, queueing and OCR">
            <dt className="text-zinc-500">Round trip</dt>
            <dd className="font-mono tabular-nums">
              {formatMs(latencyMs)}
              {latencyMs > timings.totalMs && <span className="text-zinc-500"> (+{formatMs(latencyMs - timings.totalMs)} outside OCR)</span>}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
