import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

// The records a local run keeps in its folder, and what they say about the process now.
//   launch.json     the plan (written by the console before the supervisor starts)
//   process.json    pids and /proc start times (written by the supervisor once the command runs)
//   stop-requested  present once someone asked the run to stop
//   exit.json       exit code, signal, whether a stop was asked (written by the supervisor)

export interface ProcessRecord {
  supervisorPid: number;
  supervisorStart: string | null;
  pid: number;
  processStart: string | null;
  startedAt: string;
}

export interface ExitRecord {
  exitCode: number | null;
  signal: string | null;
  error: string | null;
  stopRequested: boolean;
  /** The export step after training, when one ran. */
  exported?: { exitCode: number | null; signal: string | null; error: string | null } | null;
  finishedAt: string;
}

export async function readJsonFile<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    // A half-written file is impossible (the supervisor renames into place); anything else is real.
    throw error;
  }
}

export const readProcessRecord = (runDir: string) => readJsonFile<ProcessRecord>(path.join(runDir, "process.json"));
export const readExitRecord = (runDir: string) => readJsonFile<ExitRecord>(path.join(runDir, "exit.json"));

function procStartTime(pid: number): string | null | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch (error) {
    // No /proc at all (macOS): undefined means "cannot tell", null means "no such process".
    return (error as NodeJS.ErrnoException).code === "ENOENT" && !procAvailable() ? undefined : null;
  }
}

let procChecked: boolean | undefined;
function procAvailable(): boolean {
  if (procChecked === undefined) {
    try {
      readFileSync("/proc/self/stat");
      procChecked = true;
    } catch {
      procChecked = false;
    }
  }
  return procChecked;
}

/**
 * Whether the process with this pid is still the one recorded: a pid alone could have been reused
 * after a reboot, so where /proc exists its start time must match too. Zombies count as gone.
 */
export function isSameProcessAlive(pid: number, recordedStart: string | null): boolean {
  const start = procStartTime(pid);
  if (start === undefined) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === "EPERM";
    }
  }
  if (start === null) return false;
  if (recordedStart !== null && start !== recordedStart) return false;
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8");
    return state.slice(state.lastIndexOf(")") + 2, state.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

export async function markStopRequested(runDir: string): Promise<void> {
  await writeFile(path.join(runDir, "stop-requested"), new Date().toISOString());
}

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}
