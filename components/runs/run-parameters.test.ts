import { describe, expect, it } from "vitest";
import type { RunView } from "@/lib/schemas/runs";
import { runParameters } from "./run-parameters";

function run(overrides: Partial<RunView>): RunView {
  return {
    id: "r1", name: "det-a", target: "local", targetKind: "local", dataset: { name: "icdar", version: 2 }, modelName: "det",
    configPath: "configs/det/det_mv3_db.yml", configChanges: [], pretrainedModel: null, image: null, resources: {}, targetOptions: {},
    externalId: null, state: "Succeeded", phase: null, failureReason: null, exitCode: 0, exitSignal: null, metrics: {}, keyMetric: null,
    outputs: {}, attempt: 1, clonedFrom: null, createdBy: null, createdAt: "2026-01-01T00:00:00.000Z", startedAt: null, finishedAt: null,
    durationSeconds: null, ...overrides,
  };
}

describe("run parameters", () => {
  it("lists what the run was asked to do, config changes by their key", () => {
    const parameters = runParameters(run({ configChanges: ["Global.epoch_num=10", "Train.dataset.label_file_list=[a=b]"], resources: { gpus: 1 } }));
    expect(parameters.get("dataset")).toBe("icdar v2");
    expect(parameters.get("Global.epoch_num")).toBe("10");
    expect(parameters.get("Train.dataset.label_file_list")).toBe("[a=b]");
    expect(parameters.get("resources.gpus")).toBe("1");
  });
});
