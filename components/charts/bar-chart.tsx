import { ChartFigure, EmptyChart } from "./chart-figure";
import { formatCount, linear, niceTicks } from "./scale";

export interface BarDatum {
  label: string;
  value: number;
}

const WIDTH = 560;
const HEIGHT = 240;
const MARGIN = { top: 14, right: 12, bottom: 44, left: 60 };
/** Rough width of a character of the 11 px tick labels, to keep labels from running into each other. */
const LABEL_CHAR_WIDTH = 6.5;

/**
 * Vertical bars over categories, with a counted y axis from zero, both axes labelled, and each bar's
 * value in its tooltip. `touching` draws histogram bins edge to edge.
 */
export function BarChart({
  title,
  data,
  xLabel,
  yLabel,
  touching = false,
  emptyMessage = "Nothing to show yet.",
}: {
  title: string;
  data: BarDatum[];
  xLabel: string;
  yLabel: string;
  touching?: boolean;
  emptyMessage?: string;
}) {
  if (data.length === 0 || data.every((d) => d.value === 0)) return <EmptyChart title={title} message={emptyMessage} />;
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const ticks = niceTicks(Math.max(...data.map((d) => d.value)));
  const y = linear(ticks[ticks.length - 1]!, innerHeight);
  const slot = innerWidth / data.length;
  const gap = touching ? 1 : Math.min(8, slot * 0.25);
  // Labels that would collide are thinned out to every n-th.
  const longestLabel = Math.max(...data.map((d) => [...d.label].length));
  const labelEvery = Math.max(1, Math.ceil((longestLabel * LABEL_CHAR_WIDTH + 4) / slot));
  const largest = data.reduce((a, b) => (b.value > a.value ? b : a));

  return (
    <ChartFigure
      title={title}
      summary={`${yLabel} by ${xLabel.toLowerCase()}, ${data.length} bars; the largest is ${largest.label} with ${largest.value.toLocaleString("en")}.`}
      table={{ head: [xLabel, yLabel], rows: data.map((d) => [d.label, d.value.toLocaleString("en")]) }}
    >
      {(ids) => (
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full text-zinc-500" role="img" aria-labelledby={ids.title} aria-describedby={ids.desc}>
          <g transform={`translate(${MARGIN.left} ${MARGIN.top})`}>
            {ticks.map((tick) => (
              <g key={tick} transform={`translate(0 ${innerHeight - y(tick)})`}>
                <line x2={innerWidth} className="stroke-zinc-200 dark:stroke-zinc-800" />
                <text x={-6} dy="0.32em" textAnchor="end" fontSize={11} fill="currentColor">
                  {formatCount(tick)}
                </text>
              </g>
            ))}
            {data.map((d, i) => {
              const h = y(d.value);
              return (
                <g key={i} data-testid="chart-bar">
                  <rect
                    x={i * slot + gap / 2}
                    y={innerHeight - h}
                    width={Math.max(1, slot - gap)}
                    height={h}
                    className="fill-indigo-500 hover:fill-indigo-400"
                  >
                    <title>{`${d.label}: ${d.value.toLocaleString("en")}`}</title>
                  </rect>
                  {i % labelEvery === 0 && (
                    <text x={i * slot + slot / 2} y={innerHeight + 14} textAnchor="middle" fontSize={11} fill="currentColor">
                      {d.label}
                    </text>
                  )}
                </g>
              );
            })}
            <line y1={innerHeight} x2={innerWidth} y2={innerHeight} className="stroke-zinc-400" />
            <text x={innerWidth / 2} y={innerHeight + 36} textAnchor="middle" fontSize={12} fill="currentColor">
              {xLabel}
            </text>
            <text transform={`translate(${-48} ${innerHeight / 2}) rotate(-90)`} textAnchor="middle" fontSize={12} fill="currentColor">
              {yLabel}
            </text>
          </g>
        </svg>
      )}
    </ChartFigure>
  );
}
