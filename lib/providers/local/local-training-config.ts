import path from "node:path";
import { readConfig } from "@/lib/config/env";

// How the local target trains, from the console's environment:
//   CONSOLE_PADDLEOCR_DIR              a PaddleOCR checkout (default <dataDir>/PaddleOCR); the command runs in it
//   CONSOLE_TRAIN_COMMAND              default `python3 tools/train.py -c <config> -o <changes>`; <config> is the
//                                      config path, <changes> expands to one argument per `Key=value` override
//   CONSOLE_TRAIN_STOP_GRACE_SECONDS   SIGTERM → SIGKILL grace on stop (default 15)
//   CONSOLE_EXPORT_COMMAND             run after a successful training when it left no inference model, as
//                                      PaddleCloud's pipeline runs export_model.py; default
//                                      `python3 tools/export_model.py -c <config> -o <changes>` with the default
//                                      train command, none with a custom one; `none` turns it off

export const DEFAULT_TRAIN_COMMAND = "python3 tools/train.py -c <config> -o <changes>";
export const DEFAULT_EXPORT_COMMAND = "python3 tools/export_model.py -c <config> -o <changes>";

export interface LocalTrainingConfig {
  paddleOcrDir: string;
  /** The command template split into words; `<config>` and `<changes>` are placeholders. */
  command: string[];
  commandText: string;
  /** The export command template, or null when runs export nothing after training. */
  exportCommand: string[] | null;
  stopGraceMs: number;
  /** `<dataDir>/runs`: one folder per run with its outputs, logs and process records. */
  runsDir: string;
}

export function readLocalTrainingConfig(env: NodeJS.ProcessEnv = process.env): LocalTrainingConfig {
  const { dataDir } = readConfig(env);
  const commandText = env.CONSOLE_TRAIN_COMMAND?.trim() || DEFAULT_TRAIN_COMMAND;
  const grace = Number(env.CONSOLE_TRAIN_STOP_GRACE_SECONDS);
  const exportText = env.CONSOLE_EXPORT_COMMAND?.trim() || (commandText === DEFAULT_TRAIN_COMMAND ? DEFAULT_EXPORT_COMMAND : "none");
  return {
    paddleOcrDir: path.resolve(/* turbopackIgnore: true */ process.cwd(), env.CONSOLE_PADDLEOCR_DIR || path.join(dataDir, "PaddleOCR")),
    command: splitCommand(commandText),
    commandText,
    exportCommand: exportText === "none" ? null : splitCommand(exportText),
    stopGraceMs: Number.isFinite(grace) && grace >= 0 ? grace * 1000 : 15_000,
    runsDir: path.join(dataDir, "runs"),
  };
}

/** Splits a command line into words the way a shell would for plain words and '…' / "…" quotes. */
export function splitCommand(text: string): string[] {
  const words: string[] = [];
  let current = "";
  let quote: string | null = null;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quote) {
      if (char === quote) quote = null;
      else if (char === "\\" && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === "\\" && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** A word as a POSIX shell reads it back: quoted only when it needs to be. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
