import { spawn } from "node:child_process";

// The supervisor is a tiny detached node process between the console and the training command.
// It outlives a console restart, so the exit code and signal are still recorded by a parent that
// saw them (a re-attached console is not the training process's parent and could not). It:
//   - appends the command's stdout and stderr to the run's log file,
//   - writes process.json (its pid, the command's pid, their /proc start times) once started,
//   - on SIGTERM sends SIGTERM to the command's process group, then SIGKILL after the grace period,
//   - after a successful training that left no inference model, runs the export command (export_model.py),
//   - writes exit.json (exit code, signal, whether a stop was asked, the export's result) when all ends.
// Plain CommonJS run with `node -e`, so it needs no build step and no file of its own.
const SUPERVISOR_SOURCE = String.raw`
const fs = require("fs");
const path = require("path");
const { spawn } = require("child_process");
const runDir = process.argv[1];
const launch = JSON.parse(fs.readFileSync(path.join(runDir, "launch.json"), "utf8"));
const writeJson = (name, value) => {
  const file = path.join(runDir, name);
  fs.writeFileSync(file + ".tmp", JSON.stringify(value, null, 2));
  fs.renameSync(file + ".tmp", file);
};
const startTime = (pid) => {
  try {
    const stat = fs.readFileSync("/proc/" + pid + "/stat", "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] || null;
  } catch {
    return null;
  }
};
fs.mkdirSync(path.dirname(launch.logFile), { recursive: true });
const log = fs.openSync(launch.logFile, "a");
let finished = false;
let stopRequested = false;
let killTimer = null;
let exporter = null;
const hasFiles = (dir) => {
  try {
    return fs.readdirSync(dir).length > 0;
  } catch {
    return false;
  }
};
const child = spawn(launch.argv[0], launch.argv.slice(1), { cwd: launch.cwd, env: process.env, stdio: ["ignore", log, log], detached: true });
const finish = (exitCode, signal, error, exported = null) => {
  if (finished) return;
  finished = true;
  if (killTimer) clearTimeout(killTimer);
  // Leftover members of the command's group (data loader workers) go with it.
  for (const proc of [child, exporter]) if (proc && proc.pid) { try { process.kill(-proc.pid, "SIGKILL"); } catch {} }
  stopRequested = stopRequested || fs.existsSync(path.join(runDir, "stop-requested"));
  writeJson("exit.json", { exitCode, signal, error, stopRequested, exported, finishedAt: new Date().toISOString() });
  fs.closeSync(log);
  process.exit(0);
};
child.on("error", (error) => {
  fs.writeSync(log, "[console] could not start " + launch.argv[0] + ": " + error.message + "\n");
  finish(null, null, error.message);
});
child.on("exit", (code, signal) => {
  if (code !== 0 || stopRequested || !launch.exportArgv || hasFiles(launch.outputs.inferenceDir)) return finish(code, signal, null);
  // Training left no inference model: export the best checkpoint, as PaddleCloud's pipeline does.
  fs.writeSync(log, "[console] exporting the inference model: " + launch.exportArgv.join(" ") + "\n");
  exporter = spawn(launch.exportArgv[0], launch.exportArgv.slice(1), { cwd: launch.cwd, env: process.env, stdio: ["ignore", log, log], detached: true });
  exporter.on("error", (error) => {
    fs.writeSync(log, "[console] could not start the export: " + error.message + "\n");
    finish(0, null, null, { exitCode: null, signal: null, error: error.message });
  });
  exporter.on("exit", (exportCode, exportSignal) => finish(0, null, null, { exitCode: exportCode, signal: exportSignal, error: null }));
});
if (child.pid) {
  writeJson("process.json", {
    supervisorPid: process.pid,
    supervisorStart: startTime(process.pid),
    pid: child.pid,
    processStart: startTime(child.pid),
    startedAt: new Date().toISOString(),
  });
}
const stop = () => {
  const running = exporter || child;
  if (finished || !running.pid) return;
  stopRequested = true;
  try { process.kill(-running.pid, "SIGTERM"); } catch {}
  killTimer ??= setTimeout(() => { try { process.kill(-running.pid, "SIGKILL"); } catch {} }, launch.stopGraceMs);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("SIGHUP", () => {});
// A stop asked before process.json existed: the console wrote stop-requested first, then looked for
// process.json; this side wrote process.json first, then looks for stop-requested. One of them sees it.
if (fs.existsSync(path.join(runDir, "stop-requested"))) stop();
`;

/** Starts the supervisor for a prepared run folder (launch.json written) and lets it live on its own. */
export function spawnSupervisor(runDir: string, env: NodeJS.ProcessEnv): void {
  const supervisor = spawn(process.execPath, ["-e", SUPERVISOR_SOURCE, runDir], { cwd: runDir, env, detached: true, stdio: "ignore" });
  supervisor.unref();
}
