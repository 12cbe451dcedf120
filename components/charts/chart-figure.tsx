import type { ReactNode } from "react";

/** Ids for a chart's title and description, from its title (charts on a page have distinct titles). */
export function chartIds(title: string) {
  const base = `chart-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
  return { title: `${base}-title`, desc: `${base}-desc` };
}

/**
 * The frame every chart shares: a titled figure whose SVG is announced as one image with a summary,
 * and the numbers themselves in a table for screen readers (an SVG's bars are not navigable).
 */
export function ChartFigure({
  title,
  summary,
  table,
  children,
}: {
  title: string;
  /** One sentence: what the chart shows and its headline (e.g. the largest bar). */
  summary: string;
  table: { head: [string, string]; rows: Array<[string, string]> };
  children: (ids: { title: string; desc: string }) => ReactNode;
}) {
  const ids = chartIds(title);
  return (
    <figure className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <figcaption id={ids.title} className="mb-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {title}
      </figcaption>
      <p id={ids.desc} className="sr-only">
        {summary}
      </p>
      {children(ids)}
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{table.head[0]}</th>
            <th scope="col">{table.head[1]}</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map(([label, value], i) => (
            <tr key={i}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export function EmptyChart({ title, message }: { title: string; message: string }) {
  return (
    <figure className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <figcaption className="mb-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">{title}</figcaption>
      <p className="py-8 text-center text-sm text-zinc-500">{message}</p>
    </figure>
  );
}
