import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors/validation";
import { findRun } from "./find-run";
import { runMetricsQuerySchema, type RunMetricPoint, type RunMetricSeries } from "./run-contract";

/** Evenly spaced points, first and last kept: curves keep their shape at a fraction of the size. */
function thin<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  const stride = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * stride)]!);
}

/** Series of several runs at once, keyed by run id (compare uses it). */
export async function metricSeriesOf(prisma: PrismaClient, runIds: string[], names: string[] | undefined, maxPoints: number): Promise<Map<string, RunMetricSeries[]>> {
  const rows = await prisma.runMetric.findMany({
    where: { runId: { in: runIds }, ...(names ? { name: { in: names } } : {}) },
    orderBy: [{ runId: "asc" }, { name: "asc" }, { step: "asc" }],
    select: { runId: true, name: true, source: true, step: true, epoch: true, value: true, at: true },
  });
  const grouped = new Map<string, Map<string, { source: string; points: RunMetricPoint[] }>>();
  for (const row of rows) {
    const byName = grouped.get(row.runId) ?? new Map<string, { source: string; points: RunMetricPoint[] }>();
    grouped.set(row.runId, byName);
    // One series per name: log points first, a second source (VisualDL, backend) only where the log has none.
    const series = byName.get(row.name) ?? { source: row.source, points: [] };
    byName.set(row.name, series);
    if (series.source !== row.source) continue;
    series.points.push({ step: row.step, epoch: row.epoch, value: row.value, at: row.at.toISOString() });
  }
  const result = new Map<string, RunMetricSeries[]>();
  for (const runId of runIds) {
    const byName = grouped.get(runId) ?? new Map();
    result.set(
      runId,
      [...byName.entries()].map(([name, series]) => ({ name, source: series.source, points: thin(series.points, maxPoints) })),
    );
  }
  return result;
}

/** The run's metric series from RunMetric (query: runMetricsQuerySchema's input). */
export async function runMetrics(prisma: PrismaClient, actor: Actor, idOrName: string, rawQuery: unknown = {}): Promise<RunMetricSeries[]> {
  const query = parseInput(runMetricsQuerySchema, rawQuery ?? {});
  const run = await findRun(prisma, actor, idOrName);
  return (await metricSeriesOf(prisma, [run.id], query.names, query.maxPoints)).get(run.id) ?? [];
}
