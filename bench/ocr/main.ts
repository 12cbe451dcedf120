import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DEFAULT_DATASET, generateDataset, writeDataset, type BenchItemMeta } from "./dataset";
import { ENGINE_NAMES } from "./engines/types";
import { cer, charErrors, exactLineMatches, percentile, selfCheck, type ErrorCount } from "./metrics";
import { RESULT_MARK, type EngineRunResult } from "./protocol";

// `npm run bench:ocr [-- engine…]`: accuracy, latency, throughput and memory of this project's OCR
// runtime next to @gutenye/ocr-node and the tesseract CLI, on a generated evaluation set with
// exact truth. Prints figures (not pass/fail) and writes them to bench/ocr/last-results.json.
// Each engine runs in its own child process (run-engine.ts) so its peak RSS is attributable.

const HERE = path.dirname(new URL(import.meta.url).pathname);
const RESULTS_PATH = path.join(HERE, "last-results.json");
const OURS = "ocr-console";
const GUTENYE = "gutenye-ocr-node";

function runChild(engine: string, dir: string): Promise<EngineRunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(HERE, "run-engine.ts"), engine, dir], {
      stdio: ["ignore", "pipe", "inherit"],
      cwd: process.cwd(),
    });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => (stdout += d));
    child.on("close", (code, signal) => {
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARK));
      if (code === 0 && line) {
        resolve(JSON.parse(line.slice(RESULT_MARK.length)) as EngineRunResult);
      } else {
        resolve({ engine, available: false, notice: `run-engine exited with ${code ?? signal} (see its stderr above)`, maxRssKb: 0 });
      }
    });
  });
}

interface Subset {
  name: string;
  test: (item: BenchItemMeta) => boolean;
}

interface Score {
  items: number;
  truthLines: number;
  cerNoSpace: number;
  cerStrict: number;
  /** Whitespace-insensitive edits / truth characters behind cerNoSpace. */
  editsNoSpace: number;
  chars: number;
  exactStrict: number;
  exactNoSpace: number;
  p50Ms: number;
}

interface EngineSummary {
  engine: string;
  description: string;
  initMs: number;
  overall: Score;
  subsets: Record<string, Score>;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  imagesPerSecC1: number;
  imagesPerSecC4: number;
  concurrency: number;
  concMismatches: number;
  errors: number;
  peakRssMb: number;
  /** Only for engines in other processes (tesseract). */
  externalPeakRssMb?: { maxPerProcess: number; concurrentUpperBound: number; maxConcurrent: number };
}

/** For a line image the engine's lines are read as one line (joined with a space). */
function predictedLines(item: BenchItemMeta, predicted: string[]): string[] {
  return item.kind === "line" ? [predicted.map((l) => l.trim()).filter(Boolean).join(" ")] : predicted;
}

function score(items: BenchItemMeta[], run: EngineRunResult, indices: number[]): Score {
  const strict: ErrorCount[] = [];
  const loose: ErrorCount[] = [];
  let truthLines = 0;
  let exactStrict = 0;
  let exactNoSpace = 0;
  for (const i of indices) {
    const item = items[i]!;
    const pred = predictedLines(item, run.predictions![i]!);
    strict.push(charErrors(item.lines, pred, "strict"));
    loose.push(charErrors(item.lines, pred, "nospace"));
    truthLines += item.lines.length;
    exactStrict += exactLineMatches(item.lines, pred, "strict");
    exactNoSpace += exactLineMatches(item.lines, pred, "nospace");
  }
  return {
    items: indices.length,
    truthLines,
    cerNoSpace: cer(loose),
    cerStrict: cer(strict),
    editsNoSpace: loose.reduce((n, c) => n + c.edits, 0),
    chars: loose.reduce((n, c) => n + c.chars, 0),
    exactStrict: truthLines ? exactStrict / truthLines : 0,
    exactNoSpace: truthLines ? exactNoSpace / truthLines : 0,
    p50Ms: percentile(
      indices.map((i) => run.seqMs![i]!),
      50,
    ),
  };
}

function summarise(items: BenchItemMeta[], run: EngineRunResult, subsets: Subset[]): EngineSummary {
  const all = items.map((_, i) => i);
  const seq = run.seqMs!;
  const ext = run.externalMemory;
  return {
    engine: run.engine,
    description: run.description ?? "",
    initMs: run.initMs ?? 0,
    overall: score(items, run, all),
    subsets: Object.fromEntries(
      subsets
        .map((s) => [s.name, all.filter((i) => s.test(items[i]!))] as const)
        .filter(([, idx]) => idx.length > 0)
        .map(([name, idx]) => [name, score(items, run, idx)]),
    ),
    p50Ms: percentile(seq, 50),
    p99Ms: percentile(seq, 99),
    meanMs: seq.reduce((s, v) => s + v, 0) / seq.length,
    imagesPerSecC1: items.length / (run.seqWallMs! / 1000),
    imagesPerSecC4: items.length / (run.concWallMs! / 1000),
    concurrency: run.concurrency ?? 0,
    concMismatches: run.concMismatches ?? 0,
    errors: (run.errors ?? []).filter((e) => e !== null).length,
    peakRssMb: run.maxRssKb / 1024,
    ...(ext
      ? { externalPeakRssMb: { maxPerProcess: ext.maxPerProcessKb / 1024, concurrentUpperBound: ext.peakConcurrentKb / 1024, maxConcurrent: ext.maxConcurrent } }
      : {}),
  };
}

function table(header: string[], rows: string[][], rightAlign = true): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const fmt = (cells: string[]) => cells.map((cell, c) => (c === 0 || !rightAlign ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [fmt(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(fmt)].join("\n");
}

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
const num = (v: number, d = 1) => v.toFixed(d);

async function main() {
  const checks = selfCheck();
  console.log(`metrics self-check: ${checks} known answers OK (bench/ is outside vitest's include, so this replaces running metrics.test.ts)`);

  const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  for (const w of wanted) if (!(ENGINE_NAMES as readonly string[]).includes(w)) throw new Error(`unknown engine ${w}; one of ${ENGINE_NAMES.join(", ")}`);
  const engines = wanted.length > 0 ? ENGINE_NAMES.filter((e) => wanted.includes(e)) : [...ENGINE_NAMES];

  let t = performance.now();
  const dataset = await generateDataset(DEFAULT_DATASET);
  const dir = await mkdtemp(path.join(os.tmpdir(), "ocr-bench-"));
  await writeDataset(dir, dataset);
  const items = dataset.items.map((item) => {
    const { png, ...meta } = item;
    void png;
    return meta;
  });
  const lineItems = items.filter((i) => i.kind === "line");
  const pageItems = items.filter((i) => i.kind === "page");
  console.log(
    `dataset: seed ${dataset.seed}, ${lineItems.length} line images + ${pageItems.length} pages (${items.reduce((s, i) => s + i.lines.length, 0)} truth lines, ` +
      `${items.reduce((s, i) => s + i.lines.join("").replace(/\s/g, "").length, 0)} non-space chars), generated in ${num(performance.now() - t, 0)} ms → ${dir}`,
  );
  console.log(`  scripts: ${dataset.scripts.join(" + ")}${dataset.cjkFonts.length === 0 ? "  (no CJK font found by fc-list — Chinese skipped; e.g. apt-get install fonts-noto-cjk)" : ""}`);
  console.log(`  fonts: ${[...dataset.latinFonts, ...dataset.cjkFonts].join(", ")}`);
  const loadStart = os.loadavg();
  console.log(`  machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}, load average ${loadStart.map((l) => l.toFixed(2)).join(" ")}`);

  console.log("\nbaseline child (node + tsx + dataset, no engine) …");
  const baseline = await runChild("baseline", dir);
  const runs: EngineRunResult[] = [];
  for (const engine of engines) {
    console.log(`\n${engine} …`);
    t = performance.now();
    const run = await runChild(engine, dir);
    if (!run.available) console.log(`  NOTICE: ${engine} skipped — ${run.notice}`);
    else console.log(`  done in ${num((performance.now() - t) / 1000)} s`);
    runs.push(run);
  }
  await rm(dir, { recursive: true, force: true });
  const loadEnd = os.loadavg();

  const subsets: Subset[] = [
    { name: "latin lines", test: (i) => i.kind === "line" && i.script === "latin" },
    { name: "chinese lines", test: (i) => i.kind === "line" && i.script === "cjk" },
    { name: "latin pages", test: (i) => i.kind === "page" && i.script === "latin" },
    { name: "chinese pages", test: (i) => i.kind === "page" && i.script === "cjk" },
  ];
  const ok = runs.filter((r) => r.available);
  const summaries = ok.map((r) => summarise(items, r, subsets));

  // Worst items per engine, to see what kind of errors lie behind the figures.
  console.log("\nworst items per engine (ws-insensitive edits):");
  for (const r of ok) {
    const worst = items
      .map((item, i) => ({ item, pred: predictedLines(item, r.predictions![i]!), ...charErrors(item.lines, predictedLines(item, r.predictions![i]!), "nospace") }))
      .sort((a, b) => b.edits - a.edits)
      .slice(0, 4);
    console.log(`  ${r.engine}:`);
    for (const w of worst) {
      const show = (lines: string[]) => JSON.stringify(lines.join(" | ").slice(0, 90));
      console.log(`    ${w.item.id} (${w.item.category}, ${w.item.font} ${w.item.size}px, rot ${w.item.rotate}°) ${w.edits}/${w.chars}: ${show(w.item.lines)} → ${show(w.pred)}`);
    }
  }

  const rssCell = (s: EngineSummary) =>
    s.externalPeakRssMb ? `${num(s.externalPeakRssMb.maxPerProcess)}/proc, ≤${num(s.externalPeakRssMb.concurrentUpperBound)}×${s.externalPeakRssMb.maxConcurrent}` : num(s.peakRssMb);
  const main = table(
    ["engine", "CER no-ws", "CER strict", "exact lines", "exact no-ws", "p50 ms", "p99 ms", "mean ms", "img/s c1", "img/s c4", "peak RSS MB", "init ms"],
    summaries.map((s) => [
      s.engine,
      pct(s.overall.cerNoSpace),
      pct(s.overall.cerStrict),
      pct(s.overall.exactStrict),
      pct(s.overall.exactNoSpace),
      num(s.p50Ms),
      num(s.p99Ms),
      num(s.meanMs),
      num(s.imagesPerSecC1, 2),
      num(s.imagesPerSecC4, 2),
      rssCell(s),
      num(s.initMs, 0),
    ]),
  );
  const subsetNames = subsets.map((s) => s.name).filter((n) => summaries.some((s) => s.subsets[n]));
  const breakdown = table(
    ["engine", ...subsetNames.flatMap((n) => [`${n} CER`, "exact", "p50 ms"])],
    summaries.map((s) => [
      s.engine,
      ...subsetNames.flatMap((n) => {
        const sc = s.subsets[n];
        return sc ? [pct(sc.cerNoSpace), pct(sc.exactStrict), num(sc.p50Ms)] : ["-", "-", "-"];
      }),
    ]),
  );

  // The issue's goal: lower error than both peers, and ≥ 2× the per-image speed of @gutenye/ocr-node.
  const ours = summaries.find((s) => s.engine === OURS);
  const peers = summaries.filter((s) => s.engine !== OURS);
  const missingPeers = ENGINE_NAMES.filter((e) => e !== OURS && !peers.some((p) => p.engine === e));
  const gutenye = summaries.find((s) => s.engine === GUTENYE);
  const goal = {
    lowerErrorThanPeers: {
      noSpace: ours && peers.length > 0 ? peers.every((p) => ours.overall.cerNoSpace < p.overall.cerNoSpace) : null,
      strict: ours && peers.length > 0 ? peers.every((p) => ours.overall.cerStrict < p.overall.cerStrict) : null,
      peersCompared: peers.map((p) => p.engine),
      peersMissing: missingPeers,
    },
    speedupVsGutenye:
      ours && gutenye
        ? {
            meanMsRatio: gutenye.meanMs / ours.meanMs,
            p50Ratio: gutenye.p50Ms / ours.p50Ms,
            c4ThroughputRatio: ours.imagesPerSecC4 / gutenye.imagesPerSecC4,
            met: gutenye.meanMs / ours.meanMs >= 2,
          }
        : null,
  };

  console.log(`\n${"═".repeat(20)} OCR bench results (${items.length} images, sequential latency; c4 = ${runs[0]?.concurrency ?? 4} concurrent) ${"═".repeat(20)}`);
  console.log(main);
  console.log(`\nby subset (CER = whitespace-insensitive; exact = strict exact-line rate):\n${breakdown}`);
  console.log(
    `\nload average at start ${loadStart[0]!.toFixed(2)}, at end ${loadEnd.map((l) => l.toFixed(2)).join(" ")} on ${os.cpus().length} cores` +
      (loadStart[0]! > os.cpus().length * 0.5 ? " — the machine was busy before the bench started: timings (c4 most of all) are noisy" : " (the bench itself accounts for ~1-2)"),
  );
  console.log(`baseline child RSS (node + tsx + dataset, no engine): ${num(baseline.maxRssKb / 1024)} MB`);
  for (const s of summaries) {
    const extra = [s.errors ? `${s.errors} images failed` : "", s.concMismatches ? `${s.concMismatches} images differ under concurrency` : ""].filter(Boolean);
    console.log(`  ${s.engine}: ${s.description}${extra.length ? ` — ${extra.join(", ")}` : ""}`);
  }
  for (const r of runs.filter((r) => !r.available)) console.log(`  ${r.engine}: NOT RUN — ${r.notice}`);
  const tess = summaries.find((s) => s.externalPeakRssMb);
  if (tess) console.log(`  ${tess.engine} RSS: peak of one process; the c4 figure is an upper bound (sum of the ${tess.externalPeakRssMb!.maxConcurrent} largest process peaks). Its node driver used ${num(tess.peakRssMb)} MB.`);

  console.log("\ngoal (issue): lower error than both peers, and ≥ 2× the per-image speed of @gutenye/ocr-node");
  const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? "cannot tell" : v ? "MET" : "NOT MET");
  if (ours) {
    const vs = peers.map((p) => `${p.engine} ${pct(p.overall.cerNoSpace)} (${p.overall.editsNoSpace} edits) / ${pct(p.overall.cerStrict)}`).join(", ");
    console.log(
      `  lower error: ${yesNo(goal.lowerErrorThanPeers.noSpace)} (ws-insensitive), ${yesNo(goal.lowerErrorThanPeers.strict)} (strict) — ours ${pct(ours.overall.cerNoSpace)} (${ours.overall.editsNoSpace} edits of ${ours.overall.chars} chars) / ${pct(ours.overall.cerStrict)} vs ${vs || "no peers"}` +
        (missingPeers.length ? `; not compared (not run): ${missingPeers.join(", ")}` : ""),
    );
    const sp = goal.speedupVsGutenye;
    console.log(
      sp
        ? `  2× speed vs gutenye: ${yesNo(sp.met)} — mean ms/image ratio ${num(sp.meanMsRatio, 2)}× (p50 ${num(sp.p50Ratio, 2)}×, c4 throughput ${num(sp.c4ThroughputRatio, 2)}×)`
        : "  2× speed vs gutenye: cannot tell — @gutenye/ocr-node did not run",
    );
  } else {
    console.log("  cannot tell — ocr-console did not run");
  }

  const json = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.release()}`, loadStart, loadEnd },
    dataset: {
      seed: dataset.seed,
      lineImages: lineItems.length,
      pages: pageItems.length,
      scripts: dataset.scripts,
      fonts: [...dataset.latinFonts, ...dataset.cjkFonts],
    },
    definitions: {
      cerNoSpace: "Levenshtein over code points of all truth lines vs predicted lines, whitespace removed, summed edits / summed truth chars",
      cerStrict: "same, lines trimmed and joined with newline in reading order, spaces kept",
      exact: "share of truth lines reproduced exactly (trimmed); a line image's predicted lines are joined with a space, page lines are matched as a multiset",
      latency: "sequential wall time per recognize() call after 3 warm-up images",
      throughput: "images / wall time, sequentially (c1) and with N concurrent calls (in-process) or N processes (tesseract)",
      peakRss: "process.resourceUsage().maxRSS of the engine's own child process; tesseract: GNU time %M per tesseract process",
    },
    baselineRssMb: baseline.maxRssKb / 1024,
    results: summaries,
    notRun: runs.filter((r) => !r.available).map((r) => ({ engine: r.engine, notice: r.notice })),
    goal,
    predictions: Object.fromEntries(
      ok.map((r) => [
        r.engine,
        items.map((item, i) => ({ id: item.id, truth: item.lines, predicted: r.predictions![i]!, ms: Math.round(r.seqMs![i]! * 10) / 10, error: r.errors![i] })),
      ]),
    ),
  };
  await writeFile(RESULTS_PATH, `${JSON.stringify(json, null, 1)}\n`);
  console.log(`\nresults JSON: ${path.relative(process.cwd(), RESULTS_PATH)} (not committed)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
