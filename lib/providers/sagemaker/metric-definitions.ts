import type { RunDatasetSpec } from "../training";

export interface MetricDefinition {
  name: string;
  regex: string;
}

// Regexes for the lines PaddleOCR's tools/train.py prints (checked against real lines in
// metric-definitions.test.ts). SageMaker applies them to the job's log output and reports the last
// value of each as a final metric; one capture group each.
const LOSS = { name: "train:loss", regex: "(?:global_step|iter): [0-9]+, .*?[ ,]'?loss'?: ([0-9.eE+-]+)" };
const LR = { name: "train:lr", regex: "[ ,]'?lr'?: ([0-9.eE+-]+)" };

const BY_TASK: Record<RunDatasetSpec["task"], MetricDefinition[]> = {
  det: [
    LOSS,
    LR,
    { name: "eval:hmean", regex: "cur metric, .*hmean: ([0-9.eE+-]+)" },
    { name: "eval:precision", regex: "cur metric, .*precision: ([0-9.eE+-]+)" },
    { name: "eval:recall", regex: "cur metric, .*recall: ([0-9.eE+-]+)" },
    { name: "best:hmean", regex: "best metric, hmean: ([0-9.eE+-]+)" },
  ],
  rec: [
    LOSS,
    LR,
    { name: "eval:acc", regex: "cur metric, acc: ([0-9.eE+-]+)" },
    { name: "eval:norm_edit_dis", regex: "cur metric, .*norm_edit_dis: ([0-9.eE+-]+)" },
    { name: "best:acc", regex: "best metric, acc: ([0-9.eE+-]+)" },
  ],
  cls: [LOSS, LR, { name: "eval:acc", regex: "cur metric, acc: ([0-9.eE+-]+)" }, { name: "best:acc", regex: "best metric, acc: ([0-9.eE+-]+)" }],
};

/** The prefilled metric definitions for a task; both det and rec ones when the task is unknown. */
export function paddleOcrMetricDefinitions(task: RunDatasetSpec["task"] | null): MetricDefinition[] {
  if (task) return BY_TASK[task];
  const all = [...BY_TASK.det, ...BY_TASK.rec];
  return all.filter((definition, i) => all.findIndex((other) => other.name === definition.name) === i);
}

/** A task from a PaddleOCR config path (`configs/rec/…`), when there is no dataset to say it. */
export function taskOfConfigPath(configPath: string): RunDatasetSpec["task"] | null {
  if (/(^|\/)det(\/|_)/.test(configPath)) return "det";
  if (/(^|\/)rec(\/|_)/.test(configPath)) return "rec";
  if (/(^|\/)cls(\/|_)/.test(configPath)) return "cls";
  return null;
}

/**
 * The console's name for a SageMaker metric, as the runs domain names what it parses from the same
 * log lines (lib/runs/log-metrics.ts): `train:loss` → `TRAIN/loss`, `eval:hmean` → `EVAL/hmean`,
 * `best:hmean` → `best_hmean`. Other names are kept as they are.
 */
export function consoleMetricName(sagemakerName: string): string {
  const [scope, name] = sagemakerName.split(":", 2);
  if (name === undefined) return sagemakerName;
  if (scope === "train") return `TRAIN/${name}`;
  if (scope === "eval") return `EVAL/${name}`;
  if (scope === "best") return `best_${name}`;
  return sagemakerName;
}
