import { BarChart } from "./bar-chart";
import { binLabel } from "./scale";

export interface HistogramBinDatum {
  min: number;
  max: number | null;
  count: number;
}

/** Counts in inclusive bins (as validation reports them), drawn edge to edge and labelled "1–5", "101+". */
export function Histogram({ title, bins, xLabel, yLabel = "Count", emptyMessage }: { title: string; bins: HistogramBinDatum[]; xLabel: string; yLabel?: string; emptyMessage?: string }) {
  return <BarChart title={title} data={bins.map((bin) => ({ label: binLabel(bin), value: bin.count }))} xLabel={xLabel} yLabel={yLabel} touching emptyMessage={emptyMessage} />;
}
