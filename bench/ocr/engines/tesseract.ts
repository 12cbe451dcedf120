import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { EngineUnavailableError, type BenchEngine } from "./types";

// The tesseract CLI, one process per image (page segmentation mode left at its default, 3 = fully
// automatic, since the other engines are not told an image is a single line either). The PNG is
// piped to stdin, text read from stdout. When GNU time is at /usr/bin/time each process is
// wrapped in it to read its peak RSS; otherwise memory is reported as unknown.

const RSS_MARK = "@@BENCH_MAXRSS_KB@@";
const TIME_BIN = "/usr/bin/time";

function which(cmd: string): string | undefined {
  try {
    return execFileSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function tesseractLanguages(bin: string): string[] {
  try {
    const out = execFileSync(bin, ["--list-langs"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return out
      .split("\n")
      .slice(1)
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
  } catch {
    return [];
  }
}

export function createTesseractEngine(): BenchEngine {
  let bin: string | undefined;
  let langs = "eng";
  let version = "";
  let useTime = false;
  let threadLimit: string | undefined;
  let active = 0;
  let maxConcurrent = 0;
  const peaks: number[] = [];

  const engine: BenchEngine = {
    name: "tesseract",
    get description() {
      return `tesseract ${version || "CLI"} -l ${langs} (psm 3, default oem), 1 process per image${useTime ? "" : "; RSS unknown (no /usr/bin/time)"}`;
    },
    async init() {
      bin = which("tesseract");
      if (!bin) throw new EngineUnavailableError("tesseract is not installed (command -v tesseract found nothing); apt-get install -y tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim");
      const installed = tesseractLanguages(bin);
      if (!installed.includes("eng")) throw new EngineUnavailableError(`tesseract has no eng traineddata (installed: ${installed.join(", ") || "none"})`);
      langs = installed.includes("chi_sim") ? "eng+chi_sim" : "eng";
      version = execFileSync(bin, ["--version"], { encoding: "utf8" }).split("\n")[0]!.replace(/^tesseract\s*/, "");
      useTime = existsSync(TIME_BIN);
    },
    setConcurrency(n) {
      // tesseract's OpenMP threads fight each other across processes; its docs recommend 1.
      threadLimit = n > 1 ? "1" : undefined;
    },
    recognize(png) {
      if (!bin) return Promise.reject(new Error("tesseract engine not initialised"));
      const args = [bin, "stdin", "stdout", "-l", langs];
      const [cmd, ...rest] = useTime ? [TIME_BIN, "-f", `${RSS_MARK}%M`, ...args] : args;
      const env = { ...process.env, ...(threadLimit ? { OMP_THREAD_LIMIT: threadLimit } : {}) };
      return new Promise<string[]>((resolve, reject) => {
        const child = spawn(cmd!, rest, { stdio: ["pipe", "pipe", "pipe"], env });
        active++;
        maxConcurrent = Math.max(maxConcurrent, active);
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on("data", (d: Buffer) => out.push(d));
        child.stderr.on("data", (d: Buffer) => err.push(d));
        child.on("error", (e) => {
          active--;
          reject(e);
        });
        child.on("close", (code) => {
          active--;
          const stderr = Buffer.concat(err).toString("utf8");
          const m = stderr.match(new RegExp(`${RSS_MARK}(\\d+)`));
          if (m) peaks.push(Number(m[1]));
          if (code !== 0) {
            reject(new Error(`tesseract exited with ${code}: ${stderr.trim().slice(0, 500)}`));
            return;
          }
          resolve(
            Buffer.concat(out)
              .toString("utf8")
              .split("\n")
              .map((l) => l.trim())
              .filter((l) => l.length > 0),
          );
        });
        child.stdin.on("error", () => undefined);
        child.stdin.end(png);
      });
    },
    async close() {},
    externalMemory() {
      if (peaks.length === 0) return undefined;
      const sorted = [...peaks].sort((a, b) => b - a);
      const k = Math.max(1, maxConcurrent);
      return { maxPerProcessKb: sorted[0]!, peakConcurrentKb: sorted.slice(0, k).reduce((s, v) => s + v, 0), maxConcurrent: k };
    },
  };
  return engine;
}
