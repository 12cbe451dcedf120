import type { RunView } from "@/lib/schemas/runs";
import { formatValue } from "./format";

// What a run was asked to do, flattened to name → value rows for the Overview's parameter table:
// config changes by their key, so `Global.epoch_num` reads as a parameter of its own.

export function runParameters(run: RunView): Map<string, string> {
  const parameters = new Map<string, string>([
    ["target", `${run.target} (${run.targetKind})`],
    ["dataset", run.dataset ? `${run.dataset.name}${run.dataset.version === null ? "" : ` v${run.dataset.version}`}` : "—"],
    ["model", run.modelName],
    ["config", run.configPath],
    ["pretrained model", formatValue(run.pretrainedModel)],
  ]);
  if (run.image) parameters.set("image", run.image);
  for (const change of run.configChanges) {
    const at = change.indexOf("=");
    parameters.set(at < 0 ? change : change.slice(0, at), at < 0 ? "" : change.slice(at + 1));
  }
  for (const [key, value] of Object.entries(run.resources)) parameters.set(`resources.${key}`, formatValue(value));
  for (const [key, value] of Object.entries(run.targetOptions)) parameters.set(`targetOptions.${key}`, formatValue(value));
  return parameters;
}
