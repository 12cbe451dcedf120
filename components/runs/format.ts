// How run numbers and times read on the runs pages: short, unit-bearing, and the same everywhere.

/** `42s`, `3m 05s`, `2h 07m`, `3d 4h`; an em dash when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "—";
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, "0")}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** `2026-05-04 13:07 UTC` — the console shows UTC everywhere so teams in different zones agree. */
export function formatTime(iso: string | null | undefined, { seconds = false } = {}): string {
  if (!iso) return "—";
  return `${iso.slice(0, seconds ? 19 : 16).replace("T", " ")} UTC`;
}

/** Metrics keep four significant decimals at most: 0.8731, 12.5, 1.2e-5. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential(1);
  return String(Number(value.toFixed(4)));
}

/** Any parameter value as one line of text for tables and diffs. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
