import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smooth } from "../smoothing";
import { localDirectorySource } from "../sources/local-directory";
import { createLogWriter } from "../writer";
import { betterDirection, curvesView, minMaxIndices, scalarCurve, seriesCsv } from "./curve-view";
import { RunLogData } from "./run-log-data";

describe("curves of a run", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "vdl-curves-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("grows as the run appends records and says when data last arrived", async () => {
    const writer = await createLogWriter(dir, { timestamp: 1_700_000_000 });
    for (let step = 0; step < 10; step++) writer.addScalar("train/loss", 3 - step * 0.2, step, 1_700_000_000_000 + step * 1000);
    writer.addText("eval/sample", "hello", 9);
    await writer.close();
    const data = new RunLogData(localDirectorySource(dir));
    await data.refresh();
    const first = curvesView(data, { smoothing: 0, maxPoints: 100 });
    expect(first.scalars.map((s) => [s.tag, s.group, s.count])).toEqual([["train/loss", "train", 10]]);
    expect(first.texts[0]!.entries[0]!.text).toBe("hello");
    expect(first.lastDataAt).not.toBeNull();

    // The trainer appends one more record to the same file.
    const more = await mkdtemp(path.join(os.tmpdir(), "vdl-more-"));
    const extra = await createLogWriter(more, { timestamp: 1 });
    extra.addScalar("train/loss", 0.5, 10);
    await extra.close();
    await appendFile(writer.file, await readFile(extra.file));
    await rm(more, { recursive: true, force: true });

    await data.refresh();
    const second = curvesView(data, { smoothing: 0, maxPoints: 100 });
    expect(second.scalars[0]!.count).toBe(11);
    expect(second.scalars[0]!.last).toEqual({ step: 10, value: 0.5 });
    expect(second.scalars[0]!.best).toEqual({ step: 10, value: 0.5 });
  });

  it("smooths the full series with VisualDL's formula before reducing it", () => {
    const values = Array.from({ length: 50 }, (_, i) => Math.sin(i) + i / 10);
    const series = { tag: "train/loss", steps: values.map((_, i) => i), wallMs: values.map((_, i) => i * 1000), values };
    const curve = scalarCurve(series, { smoothing: 0.6, maxPoints: 1000 });
    const expected = smooth(values, 0.6);
    expect(curve.points.map((p) => p[3])).toEqual(expected);
  });

  it("keeps spikes when a million points are reduced for drawing", () => {
    const n = 1_000_000;
    const steps = Array.from({ length: n }, (_, i) => i);
    const values = steps.map((i) => (i === 654_321 ? 100 : Math.cos(i / 1000)));
    const keep = minMaxIndices(steps, values, 500);
    expect(keep.length).toBeLessThanOrEqual(2000);
    expect(keep).toContain(654_321);
    expect(keep[0]).toBe(0);
    expect(keep[keep.length - 1]).toBe(n - 1);
  });

  it("knows losses go down and accuracies up, and exports the full series as CSV", () => {
    expect(betterDirection("train/loss")).toBe("lower");
    expect(betterDirection("eval/hmean")).toBe("higher");
    expect(betterDirection("eval/acc")).toBe("higher");
    expect(seriesCsv({ tag: "a", steps: [1, 2], wallMs: [1500, 2500], values: [0.5, 0.25] })).toBe("wall_time,step,value\n1.5,1,0.5\n2.5,2,0.25\n");
  });
});
