import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConsoleError } from "@/lib/errors/console-error";
import type { RenderedRequest, RunDatasetSpec, RunLaunchSpec } from "../training";
import { shellQuote, type LocalTrainingConfig } from "./local-training-config";
import { localRunOptionsSchema } from "./run-options";

/** Everything one local run needs, decided before anything starts; also what "View request" shows. */
export interface LocalLaunchPlan {
  runId: string;
  attempt: number;
  runDir: string;
  cwd: string;
  argv: string[];
  /** Run after a successful training that left no inference model (export_model.py), or null. */
  exportArgv: string[] | null;
  /** Variables set on top of the console's own environment (secrets removed, see trainingEnvironment). */
  env: Record<string, string>;
  logFile: string;
  stopGraceMs: number;
  outputs: { checkpointsDir: string; inferenceDir: string; visualdlDir: string };
}

function localDataDir(dataset: RunDatasetSpec): string {
  if (dataset.cacheLocation) return dataset.cacheLocation.startsWith("file://") ? fileURLToPath(dataset.cacheLocation) : dataset.cacheLocation;
  if (dataset.sourceUri.startsWith("file://")) return fileURLToPath(dataset.sourceUri);
  if (path.isAbsolute(dataset.sourceUri)) return dataset.sourceUri;
  throw new ConsoleError(
    "conflict",
    `Dataset "${dataset.name}" is not cached on this machine yet: cache it for the local target on the dataset's page, then launch.`,
    { dataset: ["Not cached on this machine"] },
  );
}

/**
 * The same overrides PaddleCloud's training component appends after the user's changes
 * (save dirs, VisualDL, pretrained weights, Train/Eval data dirs and label lists), pointing at the
 * run's folder and the dataset's local cache. Later `-o` values win in PaddleOCR, so these do.
 */
function consoleOverrides(spec: RunLaunchSpec, options: ReturnType<typeof localRunOptionsSchema.parse>, runDir: string): string[] {
  const overrides = [`Global.use_gpu=${options.resources.gpus ? "True" : "False"}`];
  if (options.targetOptions.visualdl) overrides.push("Global.use_visualdl=True");
  overrides.push(`Global.save_model_dir=${path.join(runDir, "output")}/`, `Global.save_inference_dir=${path.join(runDir, "inference")}/`);
  if (spec.pretrainedModel) overrides.push(`Global.pretrained_model=${spec.pretrainedModel}`);
  if (spec.dataset) {
    const dataDir = localDataDir(spec.dataset);
    const labelList = (file: string) => `[${JSON.stringify(path.join(dataDir, file))}]`;
    overrides.push(
      `Train.dataset.data_dir=${dataDir}/`,
      `Train.dataset.label_file_list=${labelList(spec.dataset.trainLabelFile)}`,
      `Eval.dataset.data_dir=${dataDir}/`,
      `Eval.dataset.label_file_list=${labelList(spec.dataset.testLabelFile)}`,
    );
    if (spec.dataset.dictionaryFile) overrides.push(`Global.character_dict_path=${path.join(dataDir, spec.dataset.dictionaryFile)}`);
  }
  return overrides;
}

/** A command template with `<config>` filled in and `<changes>` expanded (appended after -o when absent). */
function fillCommand(template: string[], configPath: string, changes: string[]): string[] {
  const argv: string[] = [];
  let sawChanges = false;
  for (const word of template) {
    if (word === "<changes>") {
      argv.push(...changes);
      sawChanges = true;
    } else argv.push(word.replaceAll("<config>", configPath));
  }
  if (!sawChanges) argv.push("-o", ...changes);
  return argv;
}

export function planLocalRun(spec: RunLaunchSpec, config: LocalTrainingConfig): LocalLaunchPlan {
  const parsed = localRunOptionsSchema.safeParse({ resources: spec.resources, targetOptions: spec.targetOptions });
  if (!parsed.success) throw new ConsoleError("bad_request", `Invalid local run options: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const options = parsed.data;
  const runDir = path.join(config.runsDir, spec.name);
  const changes = [...spec.configChanges, ...consoleOverrides(spec, options, runDir)];

  const argv = fillCommand(config.command, spec.configPath, changes);
  // Export the best checkpoint with the same config changes (dictionary, text length …).
  const exportChanges = [
    ...spec.configChanges,
    ...(spec.dataset?.dictionaryFile ? [`Global.character_dict_path=${path.join(localDataDir(spec.dataset), spec.dataset.dictionaryFile)}`] : []),
    `Global.pretrained_model=${path.join(runDir, "output", "best_accuracy")}`,
    `Global.save_inference_dir=${path.join(runDir, "inference")}/`,
  ];
  const exportArgv = config.exportCommand ? fillCommand(config.exportCommand, spec.configPath, exportChanges) : null;

  const env: Record<string, string> = { PYTHONUNBUFFERED: "1" };
  if (options.resources.gpus) env.CUDA_VISIBLE_DEVICES = options.resources.gpus;
  if (options.resources.cpuThreads) {
    env.OMP_NUM_THREADS = String(options.resources.cpuThreads);
    env.CPU_NUM = String(options.resources.cpuThreads);
  }
  return {
    runId: spec.runId,
    attempt: spec.attempt,
    runDir,
    cwd: config.paddleOcrDir,
    argv,
    exportArgv,
    env,
    logFile: path.join(runDir, "logs", "train.log"),
    stopGraceMs: config.stopGraceMs,
    outputs: {
      checkpointsDir: path.join(runDir, "output"),
      inferenceDir: path.join(runDir, "inference"),
      visualdlDir: path.join(runDir, "output", "vdl"),
    },
  };
}

/** The plan as a shell command a person could paste, plus the plan itself as data. */
export function renderLocalPlan(plan: LocalLaunchPlan): RenderedRequest {
  const envWords = Object.entries(plan.env).map(([key, value]) => `${key}=${shellQuote(value)}`);
  const lines = [`cd ${shellQuote(plan.cwd)}`];
  // One option per line, and one override per line after -o, keeps long override lists readable.
  const command: string[] = [];
  let current = [...envWords];
  for (const word of plan.argv) {
    const isOverride = /^[A-Za-z_]\w*\.[\w.]+=/.test(word);
    const afterDashO = current.length === 1 && (current[0] === "-o" || current[0] === "--opt");
    if (current.length > 0 && (word.startsWith("-") || (isOverride && !afterDashO))) {
      command.push(current.join(" "));
      current = [];
    }
    current.push(shellQuote(word));
  }
  if (current.length) command.push(current.join(" "));
  lines.push(command.join(" \\\n    "));
  if (plan.exportArgv) lines.push(`# then, if training left no inference model: ${plan.exportArgv.map(shellQuote).join(" ")}`);
  lines.push(`# stdout and stderr → ${plan.logFile}`);
  return { language: "shell", text: `${lines.join("\n")}\n`, body: plan };
}
