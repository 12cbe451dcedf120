import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderTextPng } from "@/lib/ocr/test-images";
import { OcrServingProcess } from "./ocr-serving-process";

describe("local OCR serving process", () => {
  const started: OcrServingProcess[] = [];
  const serve = (name: string, model: string) => {
    const process = new OcrServingProcess(name, { model });
    started.push(process);
    process.start();
    return process;
  };
  afterAll(async () => {
    await Promise.all(started.map((p) => p.stop()));
  });

  it("starts, serves OCR on loopback, is restarted after a crash, and stops", async () => {
    const serving = serve("pp-ocrv4", "builtin");
    expect(serving.status.state).toBe("starting");
    const ready = await serving.whenReady();
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const image = await renderTextPng(480, 100, [{ text: "SERVED 42", x: 30, y: 70, size: 44 }]);
    const answer = await fetch(`${ready.url}/predict`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ image: image.toString("base64") }) });
    const result = (await answer.json()) as { lines: Array<{ text: string }> };
    expect(result.lines.map((l) => l.text.replace(/\s/g, ""))).toEqual(["SERVED42"]);

    process.kill(ready.pid!, "SIGKILL");
    await expect.poll(() => serving.status.restarts, { timeout: 10_000 }).toBe(1);
    const again = await serving.whenReady();
    expect(again.pid).not.toBe(ready.pid);
    expect((await fetch(`${again.url}/health`)).status).toBe(200);

    await serving.stop();
    expect(serving.status.state).toBe("stopped");
    await expect(fetch(`${again.url}/health`)).rejects.toThrow();
  }, 60_000);

  it("reports a model that cannot load as failed, with the reason", async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "no-model-"));
    try {
      const serving = serve("broken", empty);
      await expect(serving.whenReady()).rejects.toThrow(/model\.json|det\.onnx|not found|ENOENT/i);
      expect(serving.status.state).toBe("failed");
      expect(serving.status.reason).toMatch(/serving process exited \(code 1\)/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }, 60_000);
});
