import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { RunComparison } from "@/lib/runs/run-contract";
import type { RunView } from "@/lib/schemas/runs";
import { RunCompare } from "./run-compare";
import { RunDetail } from "./run-detail";
import { RunsTable } from "./runs-table";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), refresh: vi.fn() }) }));
vi.mock("@/app/(console)/runs/actions", () => ({}));

// First paint of the runs pages as the server renders it, from fixed data.

function run(overrides: Partial<RunView>): RunView {
  return {
    id: "r1", name: "det-a", target: "local", targetKind: "local", dataset: { name: "icdar2015", version: 3 }, modelName: "det-mv3-db",
    configPath: "configs/det/det_mv3_db.yml", configChanges: ["Global.epoch_num=4"], pretrainedModel: null, image: null,
    resources: { gpus: null, cpuThreads: 2 }, targetOptions: { visualdl: true }, externalId: "/data/runs/det-a", state: "Succeeded",
    phase: "Exited (0)", failureReason: null, exitCode: 0, exitSignal: null, metrics: { hmean: 0.8123, loss: 0.41 },
    keyMetric: { name: "hmean", value: 0.8123 }, outputs: { inferenceModelUri: "/data/runs/det-a/inference" }, attempt: 1, clonedFrom: null,
    createdBy: "ana@example.com", createdAt: "2026-03-01T10:00:00.000Z", startedAt: "2026-03-01T10:00:02.000Z",
    finishedAt: "2026-03-01T10:07:05.000Z", durationSeconds: 423, ...overrides,
  };
}

const render = (element: ReactElement) => renderToStaticMarkup(createElement(QueryClientProvider, { client: new QueryClient() }, element));

describe("the runs pages' first paint", () => {
  it("lists runs with state, target phase on hover, dataset version, key metric, duration and who", () => {
    const html = render(
      createElement(RunsTable, {
        initialQuery: { sort: "createdAt", order: "desc" },
        initialPage: { items: [run({}), run({ id: "r2", name: "det-b", state: "Running", phase: "Running (pid 42)", keyMetric: null, finishedAt: null })], nextCursor: "next" },
        targets: ["local"],
        datasets: ["icdar2015"],
        canEdit: true,
      }),
    );
    expect(html).toContain('title="Target phase: Running (pid 42)"');
    expect(html).toContain("icdar2015 v3");
    expect(html).toContain("hmean 0.8123");
    expect(html).toContain("7m 03s");
    expect(html).toContain("ana@example.com");
    expect(html).toContain('aria-label="Select det-b"');
    expect(html).toContain("Next page →");
    expect(html).not.toContain("Previous page");
  });

  it("shows a run's overview: failure, timeline with reasons, metrics, parameters, outputs and lineage", () => {
    const html = render(
      createElement(RunDetail, {
        initialRun: run({ state: "Failed", failureReason: "Training exited with code 1", exitCode: 1 }),
        initialEvents: [
          { at: "2026-03-01T10:00:00.000Z", state: "Queued", phase: null, reason: "Created", message: "Created by ana@example.com" },
          { at: "2026-03-01T10:07:05.000Z", state: "Failed", phase: "Exited (1)", reason: "Crashed", message: "RuntimeError" },
        ],
        lineage: { clonedFrom: { id: "r0", name: "det-0" }, modelVersions: [{ modelName: "det-mv3-db", version: "2" }] },
        request: { language: "shell", text: "python3 tools/train.py -c configs/det/det_mv3_db.yml -o Global.epoch_num=4", body: [] },
        initialTab: "overview",
        canEdit: true,
      }),
    );
    expect(html).toContain("The run failed</span>: Training exited with code 1 (exit code 1)");
    expect(html).toContain("Crashed</span> — RuntimeError");
    expect(html).toContain('data-testid="metric-hmean"');
    expect(html).toContain("Global.epoch_num");
    expect(html).toContain("/data/runs/det-a/inference");
    expect(html).toContain('href="/datasets/icdar2015"');
    expect(html).toContain('href="/runs/det-0"');
    expect(html).toContain('href="/models/det-mv3-db/2"');
    // A finished run can be retried, cloned and deleted, not stopped; only a succeeded one registers a model.
    expect(html).toContain(">Retry<");
    expect(html).toContain('href="/runs/new?from=r1"');
    expect(html).not.toContain(">Stop<");
    expect(html).not.toContain("Register model");
  });

  it("shows the request the run sent, highlighted, on the Request tab", () => {
    const html = render(
      createElement(RunDetail, {
        initialRun: run({}),
        initialEvents: [],
        lineage: { clonedFrom: null, modelVersions: [] },
        request: { language: "shell", text: "python3 tools/train.py -c a.yml -o Global.epoch_num=4", body: [] },
        initialTab: "request",
        canEdit: false,
      }),
    );
    expect(html).toContain('aria-selected="true"');
    expect(html).toMatch(/<span class="[^"]*">-o<\/span>/);
    expect(html).toContain("Global.epoch_num</span>=<span");
    expect(html).not.toContain(">Retry<"); // viewers read only
  });

  it("compares runs: differing parameters marked, best metric per row marked", () => {
    const a = run({});
    const b = run({ id: "r2", name: "det-b", configChanges: ["Global.epoch_num=2"] });
    const comparison: RunComparison = {
      runs: [a, b],
      parameters: [
        { name: "configPath", values: [a.configPath, b.configPath], differs: false },
        { name: "config.Global.epoch_num", values: ["4", "2"], differs: true },
      ],
      metrics: [{ name: "hmean", final: [0.81, 0.7], best: [0.82, 0.75], higherIsBetter: true }],
      series: [
        { runId: "r1", series: [{ name: "EVAL/hmean", source: "log", points: [{ step: 4, epoch: 1, value: 0.5, at: "2026-03-01T10:01:00.000Z" }, { step: 8, epoch: 2, value: 0.82, at: "2026-03-01T10:02:00.000Z" }] }] },
        { runId: "r2", series: [] },
      ],
    };
    const html = render(createElement(RunCompare, { comparison }));
    expect(html).toContain('data-differs="true"');
    expect(html).toContain("(1 differ)");
    expect(html).toContain("(best of the compared runs)");
    expect(html).toContain('aria-label="EVAL/hmean chart"');
  });
});
