import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { NewRunForm, type DatasetChoice, type TargetChoice } from "./new-run-form";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), refresh: vi.fn() }) }));
vi.mock("@/app/(console)/runs/actions", () => ({ createRunAction: vi.fn(), renderRunAction: vi.fn() }));

const datasets: DatasetChoice[] = [{ name: "icdar2015", task: "det", versions: [{ version: 2, valid: true }, { version: 1, valid: false }] }];

function render(targets: TargetChoice[], initial: Parameters<typeof NewRunForm>[0]["initial"] = null) {
  return renderToStaticMarkup(createElement(NewRunForm, { targets, datasets, initial, clonedFrom: initial ? { id: "run1", name: "det-a" } : null }));
}

const launchButton = (html: string) => /<button[^>]*type="submit"[^>]*>/.exec(html)?.[0] ?? "";

describe("the new-run form", () => {
  it("says plainly when the chosen target cannot train, and does not offer to launch", () => {
    const html = render([{ name: "local", kind: "local", readiness: { ok: false, message: "PaddleOCR not found at /data/PaddleOCR (tools/train.py is missing)" } }]);
    expect(html).toContain('role="alert"');
    expect(html).toContain("local cannot train: </strong>PaddleOCR not found at /data/PaddleOCR (tools/train.py is missing)");
    expect(launchButton(html)).toContain(` disabled=""`);
  });

  it("starts on a target that can train, with the first template's config and changes", () => {
    const html = render([
      { name: "a-cluster", kind: "kubernetes", readiness: { ok: false, message: "PaddleJob CRD missing" } },
      { name: "local", kind: "local", readiness: { ok: true, message: "PaddleOCR at /data/PaddleOCR" } },
    ]);
    expect(html).toMatch(/<option value="local" selected="">/);
    expect(html).toContain('value="configs/det/ch_PP-OCRv4/ch_PP-OCRv4_det_student.yml"');
    expect(html).toContain('value="Global.epoch_num"');
    expect(launchButton(html)).not.toContain(` disabled=""`);
  });

  it("opens a clone with the source run's parameters", () => {
    const html = render([{ name: "local", kind: "local", readiness: { ok: true, message: "ready" } }], {
      target: "local",
      dataset: "icdar2015",
      datasetVersion: 1,
      modelName: "my-det",
      configPath: "configs/det/det_mv3_db.yml",
      configChanges: ["Global.epoch_num=7"],
      resources: { gpus: "0", cpuThreads: 4 },
      targetOptions: { visualdl: false },
    });
    expect(html).toContain("Cloned from");
    expect(html).toContain('value="my-det"');
    expect(html).toContain('value="configs/det/det_mv3_db.yml"');
    expect(html).toMatch(/<option value="icdar2015" selected="">/);
    expect(html).toMatch(/<option value="1" selected="">v1 \(not valid\)/);
    expect(html).toContain('value="7"');
    expect(html).toContain('value="0"'); // GPUs
    expect(html).toContain('value="4"'); // CPU threads
  });
});
