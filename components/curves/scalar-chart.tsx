"use client";

import { useId, useMemo, useRef, useState, type PointerEvent } from "react";
import { formatValue, formatX, linePath, logTicks, nearestIndex, niceTicks, scale, xOf, type CurvePoint, type XAxisMode } from "./chart-scale";

export interface ChartSeries {
  name: string;
  color: string;
  points: CurvePoint[];
}

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { left: 56, right: 12, top: 10, bottom: 28 };

interface Props {
  title: string;
  series: ChartSeries[];
  xAxis: XAxisMode;
  logY: boolean;
  /** Draw the raw values faded under the smoothed line (VisualDL's look). */
  showRaw: boolean;
}

/**
 * One tag's chart: smoothed lines over faded raw values, a hover readout of every series at the nearest
 * step, drag across to zoom into an x range, double-click to zoom back out.
 */
export function ScalarChart({ title, series, xAxis, logY, showRaw }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const clipId = `clip${useId().replace(/:/g, "")}`;
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const [hoverX, setHoverX] = useState<number | null>(null);

  const prepared = useMemo(
    () =>
      series.map((s) => {
        const start = s.points[0]?.[1] ?? 0;
        return { ...s, xs: s.points.map((p) => xOf(p, xAxis, start)) };
      }),
    [series, xAxis],
  );

  const { x, y, xTicks, yTicks } = useMemo(() => {
    let xMin = Infinity;
    let xMax = -Infinity;
    let yMin = Infinity;
    let yMax = -Infinity;
    for (const s of prepared) {
      s.xs.forEach((xv, i) => {
        if (zoom && (xv < zoom[0] || xv > zoom[1])) return;
        xMin = Math.min(xMin, xv);
        xMax = Math.max(xMax, xv);
        for (const v of [s.points[i]![2], s.points[i]![3]]) {
          if (!Number.isFinite(v) || (logY && v <= 0)) continue;
          yMin = Math.min(yMin, v);
          yMax = Math.max(yMax, v);
        }
      });
    }
    if (!Number.isFinite(xMin)) [xMin, xMax] = [0, 1];
    if (!Number.isFinite(yMin)) [yMin, yMax] = logY ? [0.1, 1] : [0, 1];
    if (zoom) [xMin, xMax] = zoom;
    // A flat series (smoothing may differ from it in the last bits) gets a band around its value.
    if (yMax - yMin <= Math.abs(yMax) * 1e-9) [yMin, yMax] = [yMin - (Math.abs(yMax) * 0.05 || 1), yMax + (Math.abs(yMax) * 0.05 || 1)];
    const pad = (yMax - yMin) * 0.05;
    const yDomain: [number, number] = logY ? [yMin, yMax] : [yMin - pad, yMax + pad];
    return {
      x: scale([xMin, xMax], [MARGIN.left, WIDTH - MARGIN.right]),
      y: scale(yDomain, [HEIGHT - MARGIN.bottom, MARGIN.top], logY),
      xTicks: niceTicks(xMin, xMax, 6),
      yTicks: logY ? logTicks(yDomain[0], yDomain[1]) : niceTicks(yDomain[0], yDomain[1], 4),
    };
  }, [prepared, zoom, logY]);

  const toDataX = (event: PointerEvent<SVGSVGElement>) => {
    const box = svgRef.current!.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * WIDTH;
    const [d0, d1] = x.domain;
    return d0 + ((px - MARGIN.left) / (WIDTH - MARGIN.left - MARGIN.right)) * (d1 - d0);
  };

  const visible = (xv: number) => xv >= x.domain[0] && xv <= x.domain[1];
  const readout =
    hoverX === null
      ? []
      : prepared
          .map((s) => {
            const i = nearestIndex(s.xs, hoverX);
            return i < 0 ? null : { name: s.name, color: s.color, x: s.xs[i]!, point: s.points[i]! };
          })
          .filter((r): r is NonNullable<typeof r> => r !== null && visible(r.x));

  return (
    <figure className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <figcaption className="mb-1 flex items-center justify-between text-sm font-medium">
        <span>{title}</span>
        {zoom && (
          <button type="button" className="text-xs text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => setZoom(null)}>
            Reset zoom
          </button>
        )}
      </figcaption>
      <svg
        ref={svgRef}
        role="img"
        aria-label={`${title} chart`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full touch-none select-none"
        onPointerMove={(e) => {
          const dataX = toDataX(e);
          setHoverX(dataX);
          if (drag) setDrag({ ...drag, to: dataX });
        }}
        onPointerLeave={() => {
          setHoverX(null);
          setDrag(null);
        }}
        onPointerDown={(e) => setDrag({ from: toDataX(e), to: toDataX(e) })}
        onPointerUp={() => {
          if (drag && Math.abs(x(drag.to) - x(drag.from)) > 6) setZoom([Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)]);
          setDrag(null);
        }}
        onDoubleClick={() => setZoom(null)}
      >
        <defs>
          <clipPath id={clipId}>
            <rect x={MARGIN.left} y={MARGIN.top} width={WIDTH - MARGIN.left - MARGIN.right} height={HEIGHT - MARGIN.top - MARGIN.bottom} />
          </clipPath>
        </defs>
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} className="stroke-zinc-200 dark:stroke-zinc-800" />
            <text x={MARGIN.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="fill-zinc-500 text-[10px]">
              {formatValue(t)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={`x${t}`} x={x(t)} y={HEIGHT - 8} textAnchor="middle" className="fill-zinc-500 text-[10px]">
            {formatX(t, xAxis)}
          </text>
        ))}
        <g clipPath={`url(#${clipId})`}>
          {prepared.map((s) => (
            <g key={s.name}>
              {showRaw && (
                <path d={linePath(s.points.map((p, i) => [x(s.xs[i]!), y(p[2])]))} fill="none" stroke={s.color} strokeOpacity={0.25} strokeWidth={1} />
              )}
              <path data-series={s.name} d={linePath(s.points.map((p, i) => [x(s.xs[i]!), y(p[3])]))} fill="none" stroke={s.color} strokeWidth={1.6} />
            </g>
          ))}
          {drag && (
            <rect
              x={Math.min(x(drag.from), x(drag.to))}
              width={Math.abs(x(drag.to) - x(drag.from))}
              y={MARGIN.top}
              height={HEIGHT - MARGIN.top - MARGIN.bottom}
              className="fill-indigo-500/10 stroke-indigo-500/40"
            />
          )}
          {readout.map((r) => (
            <circle key={r.name} cx={x(r.x)} cy={y(r.point[3])} r={3} fill={r.color} />
          ))}
        </g>
      </svg>
      <div className="min-h-5 text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {readout.length > 0 && (
          <span className="flex flex-wrap gap-x-4">
            {readout.map((r) => (
              <span key={r.name}>
                <span className="mr-1 inline-block size-2 rounded-full" style={{ background: r.color }} />
                {prepared.length > 1 ? `${r.name}: ` : ""}step {r.point[0]} · {formatValue(r.point[2])}
                {r.point[3] !== r.point[2] ? ` (smoothed ${formatValue(r.point[3])})` : ""}
              </span>
            ))}
          </span>
        )}
      </div>
    </figure>
  );
}
