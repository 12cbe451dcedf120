// How sizes, times and metrics read on the models pages.
import { formatBytes as formatByteSize } from "@/lib/datasets/format-bytes";

export function formatBytes(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined || !Number.isFinite(bytes) ? "—" : formatByteSize(bytes);
}

/** `2026-05-04 13:07 UTC`: the console shows UTC everywhere so teams in different zones agree. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—";
}

export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential(1);
  return String(Number(value.toFixed(4)));
}

export function formatDelta(value: number | null): string {
  if (value === null) return "—";
  const text = formatMetric(Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : "±0";
}

/** The console's URL of a model, version or their pages. */
export function modelHref(name: string, version?: string): string {
  const base = `/models/${encodeURIComponent(name)}`;
  return version === undefined ? base : `${base}/versions/${encodeURIComponent(version)}`;
}

export function fileDownloadHref(name: string, version: string, path: string): string {
  return `/api/v1/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}/files/${path.split("/").map(encodeURIComponent).join("/")}`;
}

/** Metrics shown as columns when versions have them: detection first, then recognition. */
export const KEY_METRICS = ["hmean", "precision", "recall", "acc", "norm_edit_dis"] as const;
