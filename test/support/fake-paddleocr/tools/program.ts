// What the fixture's tools share, as PaddleOCR's tools/program.py does for the real ones: the
// arguments (`-c <config> -o Key=value …`), loading the YAML config and merging the overrides the way
// PaddleOCR merges them (the first key must exist, so must the ones between), Python-style failures,
// and the `[YYYY/MM/DD HH:MM:SS] ppocr INFO: …` logger.
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { parse } from "yaml";

export type Config = Record<string, Record<string, unknown>>;

function parseArgs(argv: string[]): { config: string | null; opts: string[] } {
  let config: string | null = null;
  const opts: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === "-c" || arg === "--config") config = argv[++i] ?? null;
    else if (arg.startsWith("--config=")) config = arg.slice("--config=".length);
    else if (arg === "-o" || arg === "--opt") {
      while (i + 1 < argv.length && !/^-[a-z-]/.test(argv[i + 1]!)) opts.push(argv[++i]!);
    }
  }
  return { config, opts };
}

export function traceback(script: string, lines: string[], error: string): never {
  process.stderr.write(["Traceback (most recent call last):", `  File "tools/${script}", line 260, in <module>`, ...lines, error].join("\n") + "\n");
  process.exit(1);
}

/** The config of `-c`, with the `-o` overrides merged in; exits like Python when PaddleOCR would. */
export function loadConfig(script: string, argv: string[] = process.argv.slice(2)): Config {
  const args = parseArgs(argv);
  if (!args.config) traceback(script, ["    config = program.preprocess(is_train=True)"], "AssertionError: Please specify --config=configure_file_path.");
  if (!existsSync(args.config)) {
    traceback(script, ['  File "tools/program.py", line 62, in load_config', "    merge_config(yaml.load(open(file_path, 'rb'), Loader=yaml.Loader))"], `FileNotFoundError: [Errno 2] No such file or directory: '${args.config}'`);
  }
  const config = parse(readFileSync(args.config, "utf8")) as Config;
  for (const opt of args.opts) {
    const eq = opt.indexOf("=");
    const key = opt.slice(0, eq).trim();
    const value = parse(opt.slice(eq + 1)) as unknown;
    const parts = key.split(".");
    if (!(parts[0]! in config)) {
      traceback(
        script,
        ['  File "tools/program.py", line 90, in merge_config'],
        `AssertionError: the sub_keys can only be one of global_config: dict_keys(${JSON.stringify(Object.keys(config))}), but get: ${parts[0]}, please check your running command`,
      );
    }
    let cursor = config[parts[0]!] as Record<string, unknown>;
    for (const [index, part] of parts.slice(1).entries()) {
      if (index === parts.length - 2) cursor[part] = value;
      else if (cursor[part] && typeof cursor[part] === "object") cursor = cursor[part] as Record<string, unknown>;
      else traceback(script, ['  File "tools/program.py", line 96, in merge_config', "    cur = cur[sub_key]"], `KeyError: '${part}'`);
    }
  }
  return config;
}

const two = (n: number) => String(n).padStart(2, "0");

/** PaddleOCR's logger: stdout, and the log file when given (train.py's `<save_model_dir>/train.log`). */
export function logger(file: string | null) {
  return (message: string) => {
    const now = new Date();
    const line = `[${now.getFullYear()}/${two(now.getMonth() + 1)}/${two(now.getDate())} ${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}] ppocr INFO: ${message}`;
    process.stdout.write(line + "\n");
    if (file) appendFileSync(file, line + "\n");
  };
}

export function num(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : Number(value ?? NaN) || fallback;
}
