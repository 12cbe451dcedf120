import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors/validation";
import { compareRunsQuerySchema, type RunView } from "@/lib/schemas/runs";
import { findRun } from "./find-run";
import type { RunComparison } from "./run-contract";
import { metricSeriesOf } from "./run-metrics";
import { toRunView } from "./run-view";

const SERIES_POINTS = 500;
/** Summary entries that are bookkeeping, not metrics. */
const NOT_METRICS = new Set(["epoch", "epochs", "global_step"]);

const text = (value: unknown): string | null => (value === null || value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value));

/** Lower is better for losses, costs and times; higher for everything else (hmean, acc, …). */
export function higherIsBetter(name: string): boolean {
  return !/loss|cost|time|eta|lr$|_lr|edit_dis_err/i.test(name);
}

/** Every parameter of every run, one row per name; `configChanges` become `config.<Key>` rows. */
function parameterRows(runs: RunView[]): RunComparison["parameters"] {
  const perRun = runs.map((run) => {
    const values = new Map<string, string | null>([
      ["target", run.target],
      ["dataset", run.dataset ? `${run.dataset.name}${run.dataset.version === null ? "" : ` v${run.dataset.version}`}` : null],
      ["modelName", run.modelName],
      ["configPath", run.configPath],
      ["pretrainedModel", run.pretrainedModel],
      ["image", run.image],
    ]);
    for (const change of run.configChanges) {
      const eq = change.indexOf("=");
      values.set(`config.${change.slice(0, eq)}`, change.slice(eq + 1));
    }
    for (const [key, value] of Object.entries(run.resources)) values.set(`resources.${key}`, text(value));
    for (const [key, value] of Object.entries(run.targetOptions)) values.set(`targetOptions.${key}`, text(value));
    return values;
  });
  const fixed = ["target", "dataset", "modelName", "configPath", "pretrainedModel", "image"];
  const rest = [...new Set(perRun.flatMap((values) => [...values.keys()]))].filter((name) => !fixed.includes(name)).sort();
  return [...fixed, ...rest].map((name) => {
    const values = perRun.map((run) => run.get(name) ?? null);
    return { name, values, differs: new Set(values).size > 1 };
  });
}

/** 2–6 runs side by side (input: compareRunsQuerySchema, `runs` = ids or names, or one comma-separated string). */
export async function compareRuns(prisma: PrismaClient, actor: Actor, rawQuery: unknown): Promise<RunComparison> {
  const raw = (rawQuery ?? {}) as { runs?: unknown };
  const runsParam = typeof raw.runs === "string" ? raw.runs.split(",").map((r) => r.trim()).filter(Boolean) : raw.runs;
  const { runs: wanted } = parseInput(compareRunsQuerySchema, { ...raw, runs: runsParam });
  const rows = await Promise.all([...new Set(wanted)].map((idOrName) => findRun(prisma, actor, idOrName)));
  const runs = rows.map((row) => toRunView(row));
  const ids = rows.map((row) => row.id);

  const [seriesByRun, extremes] = await Promise.all([
    metricSeriesOf(prisma, ids, undefined, SERIES_POINTS),
    prisma.runMetric.groupBy({ by: ["runId", "name"], where: { runId: { in: ids } }, _max: { value: true }, _min: { value: true } }),
  ]);
  const extreme = new Map(extremes.map((row) => [`${row.runId}\u0000${row.name}`, row]));
  const names = new Set<string>();
  for (const row of extremes) names.add(row.name);
  for (const run of runs) for (const name of Object.keys(run.metrics)) if (!NOT_METRICS.has(name)) names.add(name);

  const metrics = [...names].sort().map((name) => {
    const better = higherIsBetter(name);
    return {
      name,
      higherIsBetter: better,
      final: runs.map((run) => run.metrics[name] ?? null),
      best: runs.map((run, index) => {
        const found = extreme.get(`${ids[index]}\u0000${name}`);
        const value = found ? (better ? found._max.value : found._min.value) : null;
        return value ?? run.metrics[name] ?? null;
      }),
    };
  });
  return {
    runs,
    parameters: parameterRows(runs),
    metrics,
    series: ids.map((runId) => ({ runId, series: seriesByRun.get(runId) ?? [] })),
  };
}
