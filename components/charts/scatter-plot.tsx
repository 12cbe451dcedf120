import { ChartFigure, EmptyChart } from "./chart-figure";
import { formatCount, linear, niceTicks } from "./scale";

export interface ScatterDatum {
  x: number;
  y: number;
  /** How many items share this point; drawn as the dot's area. */
  weight: number;
  label: string;
}

const WIDTH = 560;
const HEIGHT = 280;
const MARGIN = { top: 14, right: 20, bottom: 44, left: 60 };
const MAX_RADIUS = 14;

/** Points on two counted axes from zero, each dot's area proportional to its weight, its label in the tooltip. */
export function ScatterPlot({
  title,
  data,
  xLabel,
  yLabel,
  weightLabel,
  emptyMessage = "Nothing to show yet.",
}: {
  title: string;
  data: ScatterDatum[];
  xLabel: string;
  yLabel: string;
  weightLabel: string;
  emptyMessage?: string;
}) {
  if (data.length === 0) return <EmptyChart title={title} message={emptyMessage} />;
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const xTicks = niceTicks(Math.max(...data.map((d) => d.x)), 5);
  const yTicks = niceTicks(Math.max(...data.map((d) => d.y)), 4);
  const x = linear(xTicks[xTicks.length - 1]!, innerWidth);
  const y = linear(yTicks[yTicks.length - 1]!, innerHeight);
  const maxWeight = Math.max(...data.map((d) => d.weight));
  const radius = (w: number) => Math.max(2.5, MAX_RADIUS * Math.sqrt(w / maxWeight));
  const heaviest = data.reduce((a, b) => (b.weight > a.weight ? b : a));

  return (
    <ChartFigure
      title={title}
      summary={`${data.length} distinct points of ${yLabel.toLowerCase()} against ${xLabel.toLowerCase()}; the most common is ${heaviest.label} (${heaviest.weight.toLocaleString("en")} ${weightLabel}).`}
      table={{ head: [`${xLabel} × ${yLabel}`, weightLabel], rows: data.map((d) => [d.label, d.weight.toLocaleString("en")]) }}
    >
      {(ids) => (
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full text-zinc-500" role="img" aria-labelledby={ids.title} aria-describedby={ids.desc}>
          <g transform={`translate(${MARGIN.left} ${MARGIN.top})`}>
            {yTicks.map((tick) => (
              <g key={`y${tick}`} transform={`translate(0 ${innerHeight - y(tick)})`}>
                <line x2={innerWidth} className="stroke-zinc-200 dark:stroke-zinc-800" />
                <text x={-6} dy="0.32em" textAnchor="end" fontSize={11} fill="currentColor">
                  {formatCount(tick)}
                </text>
              </g>
            ))}
            {xTicks.map((tick) => (
              <g key={`x${tick}`} transform={`translate(${x(tick)} 0)`}>
                <line y2={innerHeight} className="stroke-zinc-100 dark:stroke-zinc-900" />
                <text y={innerHeight + 14} textAnchor="middle" fontSize={11} fill="currentColor">
                  {formatCount(tick)}
                </text>
              </g>
            ))}
            {data.map((d, i) => (
              <circle
                key={i}
                data-testid="chart-point"
                cx={x(d.x)}
                cy={innerHeight - y(d.y)}
                r={radius(d.weight)}
                className="fill-indigo-500/40 stroke-indigo-600 hover:fill-indigo-500/70"
              >
                <title>{`${d.label}: ${d.weight.toLocaleString("en")} ${weightLabel}`}</title>
              </circle>
            ))}
            <line y1={innerHeight} x2={innerWidth} y2={innerHeight} className="stroke-zinc-400" />
            <line y2={innerHeight} className="stroke-zinc-400" />
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
