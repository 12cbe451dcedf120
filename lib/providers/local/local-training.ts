import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { ConsoleError } from "@/lib/errors/console-error";
import { localDirectorySource } from "@/lib/visualdl/sources/local-directory";
import type { LogLine, LogOptions, RunLaunchSpec, RunObservation, RunOutputs, RunRef, TrainingBackend } from "../training";
import { planLocalRun, renderLocalPlan, type LocalLaunchPlan } from "./local-training-command";
import { readLocalTrainingConfig, type LocalTrainingConfig } from "./local-training-config";
import { tailLogFile } from "./local-training-logs";
import {
  isSameProcessAlive,
  markStopRequested,
  readExitRecord,
  readJsonFile,
  readProcessRecord,
  signalGroup,
  type ExitRecord,
  type ProcessRecord,
} from "./local-training-process";
import { checkLocalTraining } from "./local-training-readiness";
import { spawnSupervisor } from "./local-training-supervisor";

// Training on this machine: one supervised, detached process per run in `<dataDir>/runs/<name>/`.
// Everything the console knows about a run is in that folder, so a restarted console re-attaches by
// reading it (see local-training-process.ts), and a run whose process vanished is reported, not lost.

const LOG_STREAM = "train.log";
/** Launched but no process record yet: how long that may be normal before it is a failure. */
const START_TIMEOUT_MS = 30_000;
/** When this console process started; a run whose process vanished before this was lost to a restart. */
const CONSOLE_STARTED_AT = Date.now() - process.uptime() * 1000;

type LaunchRecord = LocalLaunchPlan & { launchedAt: string; deleted?: boolean };

/** The console's environment minus anything secret: the training command needs PATH, HOME, CUDA …, never keys. */
function trainingEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/SECRET|PASSWORD|TOKEN|CREDENTIAL|ACCESS_KEY|PRIVATE|DATABASE_URL|^S3_|^AWS_|^NODE_OPTIONS$|^__NEXT|^NEXT_/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra } as NodeJS.ProcessEnv;
}

function runDirOf(run: RunRef, config: LocalTrainingConfig): string {
  const recorded = (run.request as { runDir?: unknown } | null)?.runDir;
  return typeof recorded === "string" ? recorded : path.join(config.runsDir, run.name);
}

async function hasFiles(dir: string): Promise<boolean> {
  return readdir(dir).then((entries) => entries.length > 0, () => false);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}

/** The last meaningful line of the log (the exception of a traceback), for a failure's reason. */
async function lastLogLine(logFile: string): Promise<string | null> {
  let last: string | null = null;
  for await (const line of tailLogFile(logFile, LOG_STREAM, { finished: async () => true })) {
    const text = line.text.trim();
    if (text) last = text;
  }
  return last && last.length > 300 ? `${last.slice(0, 297)}…` : last;
}

async function exitObservation(exit: ExitRecord, processRecord: ProcessRecord | null, logFile: string): Promise<RunObservation> {
  const base = {
    startedAt: processRecord ? new Date(processRecord.startedAt) : null,
    finishedAt: new Date(exit.finishedAt),
    exitCode: exit.exitCode,
    exitSignal: exit.signal,
  };
  if (exit.error) {
    return { ...base, state: "Failed", phase: "NotStarted", reason: "The training command could not start", message: exit.error };
  }
  if (exit.stopRequested) {
    return { ...base, state: "Stopped", phase: exit.signal ? `Terminated (${exit.signal})` : `Exited (${exit.exitCode})`, reason: "Stopped on request", message: null };
  }
  if (exit.exitCode === 0) {
    const exported = exit.exported;
    const exportFailed = exported && (exported.error || exported.exitCode !== 0);
    return {
      ...base,
      state: "Succeeded",
      phase: "Exited (0)",
      reason: exportFailed ? "InferenceExportFailed" : null,
      message: exportFailed ? `Training finished, but exporting the inference model failed (${exported.error ?? (exported.signal ? `killed by ${exported.signal}` : `exit ${exported.exitCode}`)}); the checkpoints are the outputs.` : null,
    };
  }
  const how = exit.signal ? `Killed by ${exit.signal}` : `Exited with code ${exit.exitCode}`;
  return { ...base, state: "Failed", phase: exit.signal ? `Terminated (${exit.signal})` : `Exited (${exit.exitCode})`, reason: how, message: await lastLogLine(logFile) };
}

async function observe(runDir: string): Promise<RunObservation> {
  const launch = await readJsonFile<LaunchRecord>(path.join(runDir, "launch.json"));
  if (!launch) return { state: "Failed", phase: "Missing", reason: `The run's folder ${runDir} is gone from this machine`, message: null };
  const [processRecord, exit] = await Promise.all([readProcessRecord(runDir), readExitRecord(runDir)]);
  if (exit) return exitObservation(exit, processRecord, launch.logFile);

  const stopping = await exists(path.join(runDir, "stop-requested"));
  if (!processRecord) {
    if (Date.now() - new Date(launch.launchedAt).getTime() < START_TIMEOUT_MS) return { state: stopping ? "Stopping" : "Starting", phase: "Starting" };
    return { state: "Failed", phase: "NotStarted", reason: "The training process never started", message: null };
  }
  const startedAt = new Date(processRecord.startedAt);
  const supervised = isSameProcessAlive(processRecord.supervisorPid, processRecord.supervisorStart);
  const running = isSameProcessAlive(processRecord.pid, processRecord.processStart);
  if (supervised || running) {
    const phase = `Running (pid ${processRecord.pid}${supervised ? "" : ", supervisor gone"})`;
    return { state: stopping ? "Stopping" : "Running", phase, startedAt };
  }
  // Both gone without an exit record: killed with the machine, or by hand.
  const lostToRestart = startedAt.getTime() < CONSOLE_STARTED_AT;
  return {
    state: stopping ? "Stopped" : "Failed",
    phase: "Gone",
    startedAt,
    finishedAt: new Date(),
    reason: lostToRestart ? "The console restarted and the training process is gone" : "The training process and its supervisor are gone without an exit status",
    message: lostToRestart ? "No exit status was recorded; the machine or the process may have been restarted or killed." : null,
  };
}

/** Readiness probes start Python; the form and a launch right after it share one answer for 15 s. */
const readinessCache = new Map<string, { at: number; answer: Promise<{ ok: boolean; message: string }> }>();
function readinessOf(config: LocalTrainingConfig): Promise<{ ok: boolean; message: string }> {
  const key = `${config.paddleOcrDir}\u0000${config.commandText}`;
  const cached = readinessCache.get(key);
  if (cached && Date.now() - cached.at < 15_000) return cached.answer;
  const answer = checkLocalTraining(config);
  readinessCache.set(key, { at: Date.now(), answer });
  return answer;
}

async function launch(spec: RunLaunchSpec): Promise<{ externalId: string; request: unknown }> {
  const config = readLocalTrainingConfig();
  const readiness = await readinessOf(config);
  if (!readiness.ok) throw new ConsoleError("conflict", readiness.message);
  const plan = planLocalRun(spec, config);
  await checkConfigFile(spec, config);

  const existing = await readJsonFile<LaunchRecord>(path.join(plan.runDir, "launch.json"));
  if (existing && !existing.deleted && existing.runId === plan.runId && existing.attempt === plan.attempt) {
    return { externalId: plan.runDir, request: existing }; // launched before: adopt it
  }
  if (existing || (await hasFiles(plan.runDir))) {
    throw new ConsoleError(
      "conflict",
      `${plan.runDir} already holds the files of another run named "${spec.name}" (deleted with its outputs kept). Remove that folder or choose another run name.`,
      { name: ["A run folder with this name exists on this machine"] },
    );
  }
  const record: LaunchRecord = { ...plan, launchedAt: new Date().toISOString() };
  await mkdir(path.dirname(plan.logFile), { recursive: true });
  await writeFile(path.join(plan.runDir, "launch.json"), JSON.stringify(record, null, 2));
  spawnSupervisor(plan.runDir, trainingEnvironment(plan.env));
  // Return once the command runs (or could not start), so the first status is meaningful.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && !(await exists(path.join(plan.runDir, "process.json"))) && !(await exists(path.join(plan.runDir, "exit.json")))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { externalId: plan.runDir, request: record };
}

async function checkConfigFile(spec: RunLaunchSpec, config: LocalTrainingConfig): Promise<void> {
  const file = path.resolve(config.paddleOcrDir, spec.configPath);
  if (!(await exists(file))) {
    throw new ConsoleError("bad_request", `Config ${spec.configPath} not found in the PaddleOCR checkout at ${config.paddleOcrDir}.`, {
      configPath: [`Not found in ${config.paddleOcrDir}`],
    });
  }
}

async function stop(run: RunRef): Promise<void> {
  const runDir = runDirOf(run, readLocalTrainingConfig());
  if (!(await exists(runDir))) return;
  await markStopRequested(runDir);
  if (await readExitRecord(runDir)) return;
  const processRecord = await readProcessRecord(runDir);
  if (!processRecord) return; // the supervisor reads stop-requested when the command ends
  if (isSameProcessAlive(processRecord.supervisorPid, processRecord.supervisorStart)) {
    // The supervisor does SIGTERM → grace → SIGKILL and records the exit.
    signalGroup(processRecord.supervisorPid, "SIGTERM");
    return;
  }
  if (isSameProcessAlive(processRecord.pid, processRecord.processStart)) {
    const launch = await readJsonFile<LaunchRecord>(path.join(runDir, "launch.json"));
    signalGroup(processRecord.pid, "SIGTERM");
    setTimeout(() => {
      if (isSameProcessAlive(processRecord.pid, processRecord.processStart)) signalGroup(processRecord.pid, "SIGKILL");
    }, launch?.stopGraceMs ?? 15_000).unref();
  }
}

async function outputs(run: RunRef): Promise<RunOutputs> {
  const runDir = runDirOf(run, readLocalTrainingConfig());
  const checkpoints = path.join(runDir, "output");
  const result: RunOutputs = { logUri: path.join(runDir, "logs", LOG_STREAM) };
  if (await exists(checkpoints)) result.checkpointsUri = checkpoints;
  if (await exists(path.join(checkpoints, "best_accuracy.pdparams"))) result.bestCheckpoint = path.join(checkpoints, "best_accuracy");
  // export_model.py's folder if the command exported one, else PaddleOCR 3's own export beside the best checkpoint.
  for (const dir of [path.join(runDir, "inference"), path.join(checkpoints, "best_accuracy", "inference")]) {
    if (await hasFiles(dir)) {
      result.inferenceModelUri = dir;
      break;
    }
  }
  if (await exists(path.join(checkpoints, "vdl"))) result.visualdlUri = path.join(checkpoints, "vdl");
  return result;
}

export const localTraining: TrainingBackend = {
  async readiness() {
    return readinessOf(readLocalTrainingConfig());
  },

  async render(spec) {
    const config = readLocalTrainingConfig();
    const plan = planLocalRun(spec, config);
    await checkConfigFile(spec, config);
    return renderLocalPlan(plan);
  },

  launch,
  stop,

  async status(run) {
    return observe(runDirOf(run, readLocalTrainingConfig()));
  },

  async logStreams() {
    return [LOG_STREAM];
  },

  logs(run: RunRef, options: LogOptions): AsyncIterable<LogLine> {
    const runDir = runDirOf(run, readLocalTrainingConfig());
    return tailLogFile(path.join(runDir, "logs", LOG_STREAM), LOG_STREAM, {
      ...options,
      finished: async () => {
        if (await exists(path.join(runDir, "exit.json"))) return true;
        const state = (await observe(runDir)).state;
        return state !== "Running" && state !== "Starting" && state !== "Stopping";
      },
    });
  },

  outputs,

  async remove(run, { deleteOutputs }) {
    const runDir = runDirOf(run, readLocalTrainingConfig());
    const processRecord = await readProcessRecord(runDir);
    if (processRecord && !(await readExitRecord(runDir)) && (isSameProcessAlive(processRecord.supervisorPid, processRecord.supervisorStart) || isSameProcessAlive(processRecord.pid, processRecord.processStart))) {
      throw new ConsoleError("conflict", `Run ${run.name} is still training on this machine; stop it first.`);
    }
    if (deleteOutputs) {
      await rm(runDir, { recursive: true, force: true });
      return;
    }
    // Outputs stay; the folder is marked so a new run of the same name is not mixed into it.
    const record = await readJsonFile<LaunchRecord>(path.join(runDir, "launch.json"));
    if (record) await writeFile(path.join(runDir, "launch.json"), JSON.stringify({ ...record, deleted: true }, null, 2));
  },

  async visualdlSource(run) {
    return localDirectorySource(path.join(runDirOf(run, readLocalTrainingConfig()), "output", "vdl"));
  },
};
