"use client";

import type { XAxisMode } from "./chart-scale";

export interface CurveSettings {
  smoothing: number;
  xAxis: XAxisMode;
  logY: boolean;
  showRaw: boolean;
}

export const DEFAULT_CURVE_SETTINGS: CurveSettings = { smoothing: 0.6, xAxis: "step", logY: false, showRaw: true };

/** VisualDL's chart controls: smoothing, x axis, y scale, raw values. */
export function CurveControls({ settings, onChange }: { settings: CurveSettings; onChange(next: CurveSettings): void }) {
  return (
    <div className="flex flex-wrap items-center gap-4 text-sm">
      <label className="flex items-center gap-2">
        Smoothing
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={settings.smoothing}
          onChange={(e) => onChange({ ...settings, smoothing: Number(e.target.value) })}
          aria-valuetext={settings.smoothing.toFixed(2)}
        />
        <span className="w-8 tabular-nums">{settings.smoothing.toFixed(2)}</span>
      </label>
      <label className="flex items-center gap-2">
        X axis
        <select
          className="rounded border border-zinc-300 bg-transparent px-1 py-0.5 dark:border-zinc-700"
          value={settings.xAxis}
          onChange={(e) => onChange({ ...settings, xAxis: e.target.value as XAxisMode })}
        >
          <option value="step">Step</option>
          <option value="relative">Relative time</option>
          <option value="wall">Wall time</option>
        </select>
      </label>
      <label className="flex items-center gap-1">
        <input type="checkbox" checked={settings.logY} onChange={(e) => onChange({ ...settings, logY: e.target.checked })} />
        Log y
      </label>
      <label className="flex items-center gap-1">
        <input type="checkbox" checked={settings.showRaw} onChange={(e) => onChange({ ...settings, showRaw: e.target.checked })} />
        Show raw values
      </label>
    </div>
  );
}
