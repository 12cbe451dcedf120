import { realpathSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** A kubeconfig path a target may not use; its message names the directory that is allowed. */
export class KubeconfigPathError extends Error {
  constructor(requested: string, dir: string, why: string) {
    super(`Kubeconfig files must be inside ${dir} (CONSOLE_KUBECONFIG_DIR): ${requested} ${why}.`);
    this.name = "KubeconfigPathError";
  }
}

export interface KubeconfigFile {
  /** The path as the user gave it, resolved against the directory: what messages name. */
  shown: string;
  /** The same file with every link followed, inside the directory: what is read. */
  real: string;
}

/**
 * Confines a target's kubeconfig path to the operator's kubeconfig directory, so that a console
 * admin cannot make the console read (or, through a plugin, run) whatever the server holds. A
 * relative path is a file in that directory. No `..` anywhere, and after following symbolic links
 * the file must still be inside it. A file that does not exist yet passes (Test connection says it
 * is missing); `real` is then the lexical path.
 */
export function confineKubeconfigPath(requested: string, dir: string): KubeconfigFile {
  const expanded = requested === "~" || requested.startsWith("~/") ? path.join(os.homedir(), requested.slice(1)) : requested;
  if (expanded.split(/[\\/]/).includes("..")) throw new KubeconfigPathError(requested, dir, "climbs out with ..");
  const root = path.resolve(dir);
  const shown = path.resolve(root, expanded);
  if (!isInside(root, shown)) throw new KubeconfigPathError(requested, dir, "is outside it");
  let real: string;
  try {
    real = realpathSync(shown);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { shown, real: shown };
    throw error;
  }
  if (!isInside(realpathSync(root), real)) throw new KubeconfigPathError(requested, dir, "is a link to a file outside it");
  return { shown, real };
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== "" && relative.split(path.sep)[0] !== ".." && !path.isAbsolute(relative);
}
