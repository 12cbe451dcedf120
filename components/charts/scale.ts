// Axis arithmetic for the SVG charts, free of React so it can be tested in Node.

/** Round tick values from 0 up to at least `max`: steps of 1, 2 or 5 × 10ⁿ, about `count` of them. */
export function niceTicks(max: number, count = 4): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let value = 0; value < max + step; value += step) {
    ticks.push(Number(value.toPrecision(12)));
    if (value >= max) break;
  }
  return ticks;
}

/** A linear map from [0, domainMax] onto [0, length]. */
export function linear(domainMax: number, length: number): (value: number) => number {
  const max = domainMax > 0 ? domainMax : 1;
  return (value) => (value / max) * length;
}

/** Short tick labels: 1200 → "1.2k", 3000000 → "3M". */
export function formatCount(value: number): string {
  if (Math.abs(value) >= 1e6) return `${trim(value / 1e6)}M`;
  if (Math.abs(value) >= 1e4) return `${trim(value / 1e3)}k`;
  return trim(value);
}

function trim(value: number): string {
  return String(Number(value.toFixed(1)));
}

/** "1–5", "0", "101+" for inclusive histogram bins (max null: no upper bound). */
export function binLabel(bin: { min: number; max: number | null }): string {
  if (bin.max === null) return `${bin.min}+`;
  return bin.min === bin.max ? String(bin.min) : `${bin.min}–${bin.max}`;
}
