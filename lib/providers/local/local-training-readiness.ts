import { execFile } from "node:child_process";
import { access, constants, stat } from "node:fs/promises";
import path from "node:path";
import type { LocalTrainingConfig } from "./local-training-config";

// Checked, not guessed: the checkout folder, the files the command names in it, the program on
// PATH, and for Python the modules PaddleOCR's training imports first.

const PYTHON_MODULES = ["paddle", "yaml", "cv2", "shapely", "pyclipper", "skimage"];

async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then((s) => s.isDirectory(), () => false);
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => stat(file).then((s) => s.isFile()),
    () => false,
  );
}

async function findProgram(program: string, cwd: string): Promise<string | null> {
  if (program.includes("/")) {
    const file = path.resolve(cwd, program);
    return (await isExecutable(file)) ? file : null;
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, program);
    if (await isExecutable(file)) return file;
  }
  return null;
}

function run(file: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, timeout: 20_000, encoding: "utf8" }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === "number" ? ((error as { code: number }).code) : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Words of the command that name a file in the checkout (tools/train.py, tools/train.ts …). */
function scriptFiles(command: string[]): string[] {
  return command.slice(1).filter((word) => !word.startsWith("-") && !word.includes("<") && /\.(py|ts|js|mjs|cjs|sh)$/.test(word));
}

export async function checkLocalTraining(config: LocalTrainingConfig): Promise<{ ok: boolean; message: string }> {
  const dir = config.paddleOcrDir;
  if (!(await isDirectory(dir))) {
    return { ok: false, message: `PaddleOCR not found: ${dir} does not exist. Set CONSOLE_PADDLEOCR_DIR to a PaddleOCR checkout to train on this machine.` };
  }
  const program = config.command[0];
  if (!program) return { ok: false, message: "CONSOLE_TRAIN_COMMAND is empty." };
  for (const script of scriptFiles(config.command)) {
    if (!(await stat(path.resolve(dir, script)).then((s) => s.isFile(), () => false))) {
      return { ok: false, message: `${script} not found in ${dir}: is CONSOLE_PADDLEOCR_DIR a PaddleOCR checkout?` };
    }
  }
  const programPath = await findProgram(program, dir);
  if (!programPath) return { ok: false, message: `${program} was not found${program.includes("/") ? "" : " on PATH"}; training needs it to run \`${config.commandText}\`.` };

  if (/^python/.test(path.basename(program))) {
    const probe = `import importlib.util, sys; print(sys.version.split()[0]); print(",".join(m for m in ${JSON.stringify(PYTHON_MODULES)} if importlib.util.find_spec(m) is None))`;
    const { code, stdout, stderr } = await run(programPath, ["-c", probe], dir);
    if (code !== 0) return { ok: false, message: `${program} does not run: ${(stderr || stdout).trim().split("\n").pop() ?? `exit ${code}`}` };
    const [version, missingText] = stdout.trim().split("\n");
    const missing = (missingText ?? "").split(",").filter(Boolean);
    if (missing.includes("paddle")) {
      return { ok: false, message: `PaddlePaddle is not installed for ${program} (Python ${version}): \`${program} -m pip install paddlepaddle\`, then PaddleOCR's requirements.txt.` };
    }
    if (missing.length > 0) {
      return { ok: false, message: `Python modules PaddleOCR needs are missing for ${program}: ${missing.join(", ")} — \`${program} -m pip install -r ${path.join(dir, "requirements.txt")}\`.` };
    }
    return { ok: true, message: `PaddleOCR at ${dir}, Python ${version} with PaddlePaddle; trains with \`${config.commandText}\`.` };
  }
  return { ok: true, message: `PaddleOCR command ready in ${dir}: \`${config.commandText}\` (${programPath}).` };
}
