// `npm run bench:visualdl` (second half): time to first chart paint for a 1,000,000-point run.
// Measures the whole path a user waits for: read the log from disk, reduce it for drawing (min/max per
// bucket, smoothing on the full series), render the chart's SVG, and let Chromium paint it.
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { chromium } from "@playwright/test";
import { ScalarChart } from "@/components/curves/scalar-chart";
import { curvesView } from "@/lib/visualdl/curves/curve-view";
import { RunLogData } from "@/lib/visualdl/curves/run-log-data";
import { localDirectorySource } from "@/lib/visualdl/sources/local-directory";
import { createLogWriter } from "@/lib/visualdl/writer";

const POINTS = 1_000_000;

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "vdl-paint-"));
  try {
    const writer = await createLogWriter(dir, { timestamp: 1_700_000_000, flushBytes: 8 * 1024 * 1024 });
    for (let step = 0; step < POINTS; step++) {
      writer.addScalar("train/loss", Math.exp(-step / 2e5) + Math.sin(step / 50) * 0.05 + (step === 777_777 ? 3 : 0), step, 1_700_000_000_000 + step * 100);
      if (step % 100_000 === 0) await writer.flush();
    }
    await writer.close();
    const bytes = (await stat(writer.file)).size;

    const t0 = performance.now();
    const data = new RunLogData(localDirectorySource(dir));
    await data.refresh();
    const t1 = performance.now();
    const view = curvesView(data, { smoothing: 0.6, maxPoints: 2000 });
    const t2 = performance.now();
    const curve = view.scalars[0]!;
    const svg = renderToStaticMarkup(
      createElement(ScalarChart, { title: curve.tag, series: [{ name: curve.tag, color: "#4f46e5", points: curve.points }], xAxis: "step", logY: false, showRaw: true }),
    );
    const t3 = performance.now();

    const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
    try {
      const page = await browser.newPage();
      await page.setContent("<!doctype html><body></body>");
      const paintMs = await page.evaluate(async (markup) => {
        const start = performance.now();
        document.body.innerHTML = markup;
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        return performance.now() - start;
      }, svg);
      const total = t3 - t0 + paintMs;
      console.log(`VisualDL first paint, ${POINTS.toLocaleString("en")} points (${(bytes / 1e6).toFixed(1)} MB log):`);
      console.log(`  read + decode  ${(t1 - t0).toFixed(0)} ms  (${(bytes / 1e6 / ((t1 - t0) / 1000)).toFixed(0)} MB/s)`);
      console.log(`  reduce+smooth  ${(t2 - t1).toFixed(0)} ms  → ${curve.points.length} points drawn (spike at step 777777 kept: ${curve.points.some((p) => p[0] === 777_777)})`);
      console.log(`  render SVG     ${(t3 - t2).toFixed(0)} ms`);
      console.log(`  browser paint  ${paintMs.toFixed(0)} ms`);
      console.log(`  first paint    ${total.toFixed(0)} ms in all`);
    } finally {
      await browser.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
