import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { ServingReadyMessage } from "@/lib/serving/serve-main";

export type ServingState = "starting" | "ready" | "failed" | "stopped";

export interface ServingStatus {
  state: ServingState;
  /** Loopback URL while ready. */
  url: string | null;
  reason: string | null;
  restarts: number;
  pid: number | null;
  since: string;
}

export interface ServingSpec {
  /** A model version folder, or "builtin" for the PP-OCRv4 models shipped with the console. */
  model: string;
  params?: Record<string, unknown>;
}

const STARTUP_TIMEOUT_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;
// A process that dies this many times in a row before ever being ready is failing, not flaky.
const MAX_FAILED_STARTS = 3;

/**
 * Supervises one local OCR serving process: starts it, reports starting → ready → failed (with the
 * process's own last words), restarts it with backoff when it crashes, and stops it on undeploy.
 */
export class OcrServingProcess {
  private child: ChildProcess | null = null;
  private current: ServingStatus = { state: "stopped", url: null, reason: null, restarts: 0, pid: null, since: new Date().toISOString() };
  private failedStarts = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private wanted = false;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly name: string,
    private readonly spec: ServingSpec,
  ) {}

  get status(): ServingStatus {
    return { ...this.current };
  }

  start(): void {
    this.wanted = true;
    if (!this.child && !this.restartTimer) this.spawn();
  }

  /** Resolves once the process is ready, or rejects with its failure reason. */
  async whenReady(timeoutMs = STARTUP_TIMEOUT_MS): Promise<ServingStatus> {
    const deadline = Date.now() + timeoutMs;
    while (this.current.state !== "ready") {
      if (this.current.state === "failed" || this.current.state === "stopped") {
        throw new Error(this.current.reason ?? `serving process ${this.current.state}`);
      }
      if (Date.now() > deadline) throw new Error(`serving process not ready after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.add(resolve);
        setTimeout(resolve, 250);
      });
    }
    return this.status;
  }

  async stop(): Promise<void> {
    this.wanted = false;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killer);
    }
    this.set({ state: "stopped", url: null, reason: null, pid: null });
  }

  private set(change: Partial<ServingStatus>) {
    this.current = { ...this.current, ...change, since: new Date().toISOString() };
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  private spawn() {
    // `--import tsx` resolves from the working directory: the console's own node_modules.
    const entry = path.resolve(/* turbopackIgnore: true */ process.cwd(), "lib/serving/serve-main.ts");
    const child = spawn(process.execPath, ["--import", "tsx", entry], {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: {
        ...process.env,
        OCR_MODEL: this.spec.model,
        OCR_PARAMS: this.spec.params ? JSON.stringify(this.spec.params) : "",
        OCR_PORT: "0",
      },
    });
    this.child = child;
    this.set({ state: "starting", url: null, reason: null, pid: child.pid ?? null });

    let lastWords = "";
    const remember = (chunk: Buffer) => {
      lastWords = (lastWords + chunk.toString()).slice(-2000);
    };
    child.stdout?.on("data", remember);
    child.stderr?.on("data", remember);

    child.on("message", (message: ServingReadyMessage) => {
      if (message?.type !== "ready") return;
      this.failedStarts = 0;
      this.set({ state: "ready", url: `http://127.0.0.1:${message.port}` });
    });
    child.on("exit", (code, signal) => {
      this.child = null;
      if (!this.wanted) return;
      const wasReady = this.current.state === "ready";
      if (!wasReady) this.failedStarts += 1;
      const reason = `serving process exited (${signal ?? `code ${code}`})${lastWords ? `: ${lastLine(lastWords)}` : ""}`;
      if (this.failedStarts >= MAX_FAILED_STARTS) {
        this.set({ state: "failed", url: null, reason, pid: null });
        return;
      }
      const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, this.failedStarts - 1));
      this.set({ state: "starting", url: null, reason: `${reason}; restarting in ${backoff / 1000} s`, pid: null, restarts: this.current.restarts + 1 });
      this.restartTimer = setTimeout(() => {
        this.restartTimer = null;
        if (this.wanted) this.spawn();
      }, backoff);
    });
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n");
  return lines[lines.length - 1]!.replace(/^\[ocr-serving\] /, "");
}
