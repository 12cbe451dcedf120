import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface InstalledFonts {
  /** Family names as fontconfig (and so librsvg) knows them, sorted. */
  families: string[];
  /** Whether some installed font covers Chinese; without one, CJK text falls back to empty boxes. */
  cjk: boolean;
}

let cached: Promise<InstalledFonts> | undefined;

/**
 * The font families librsvg can draw with, read from fontconfig once per process (fonts are
 * installed with the system, not at run time). An unknown family in an SVG silently falls back to a
 * default font, so requests are checked against this list instead.
 */
export function installedFonts(): Promise<InstalledFonts> {
  cached ??= readFonts().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function readFonts(): Promise<InstalledFonts> {
  const [families, cjk] = await Promise.all([
    run("fc-list", ["--format", "%{family}\\n"], { maxBuffer: 16 * 1024 * 1024 }).then(({ stdout }) => parseFamilies(stdout)),
    run("fc-list", ["--format", "%{family}\\n", ":lang=zh-cn"], { maxBuffer: 16 * 1024 * 1024 }).then(({ stdout }) => parseFamilies(stdout).length > 0),
  ]).catch(() => [[], false] as const);
  return { families: [...families], cjk };
}

/** fc-list prints one face per line with its family names comma-separated ("DejaVu Sans,DejaVu Sans Light"). */
export function parseFamilies(output: string): string[] {
  const names = new Set<string>();
  for (const line of output.split("\n")) {
    for (const name of line.split(",")) {
      const family = name.replace(/\\-/g, "-").trim();
      if (family) names.add(family);
    }
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}
