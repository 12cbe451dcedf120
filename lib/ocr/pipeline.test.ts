import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Quad } from "./geometry";
import { OcrInputError } from "./image-input";
import { builtinModelVersion, MODEL_FORMAT } from "./model-version";
import { createOcrEngine, type OcrEngine } from "./pipeline";
import { cjkFontFamily, renderDocumentPng, renderTextPng } from "./test-images";

// The real PP-OCRv4 models on images rendered here with DejaVu Sans, and with a CJK font when the
// machine has one (CI installs fonts-noto-cjk). One engine for the file: loading the models is
// the slow part.

let engine: OcrEngine;
beforeAll(async () => {
  engine = await createOcrEngine(builtinModelVersion());
});
afterAll(async () => {
  await engine?.close();
});

/** Bounding box of the dark pixels: where the text really is. */
async function inkBounds(png: Buffer): Promise<{ x0: number; y0: number; x1: number; y1: number }> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x]! < 128) {
        x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
      }
    }
  }
  return { x0, y0, x1, y1 };
}

function bounds(q: Quad) {
  const xs = q.map((p) => p[0]);
  const ys = q.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

const squash = (s: string) => s.replace(/\s+/g, "");

describe("OCR engine on PP-OCRv4", () => {
  test("reads a line of Latin text and boxes it tightly around the ink", async () => {
    const png = await renderTextPng(800, 200, [{ text: "HELLO WORLD 2026", x: 60, y: 120, size: 56 }]);
    const r = await engine.recognize(png);
    expect([r.width, r.height]).toEqual([800, 200]);
    expect(r.lines).toHaveLength(1);
    const [line] = r.lines;
    expect(line!.text).toBe("HELLO WORLD 2026");
    expect(line!.score).toBeGreaterThan(0.9);
    const ink = await inkBounds(png);
    const box = bounds(line!.box);
    // The box encloses the glyphs with a margin of a few pixels (the unclip), no more.
    expect(box.x0).toBeLessThanOrEqual(ink.x0);
    expect(box.y0).toBeLessThanOrEqual(ink.y0);
    expect(box.x1).toBeGreaterThanOrEqual(ink.x1);
    expect(box.y1).toBeGreaterThanOrEqual(ink.y1);
    for (const gap of [ink.x0 - box.x0, ink.y0 - box.y0, box.x1 - ink.x1, box.y1 - ink.y1]) expect(gap).toBeLessThan(15);
    for (const t of Object.values(r.timings)) expect(t).toBeGreaterThanOrEqual(0);
    expect(r.timings.totalMs).toBeGreaterThanOrEqual(r.timings.detMs + r.timings.recMs);
  });

  test("a document comes back line by line in reading order, table rows left to right", async () => {
    const r = await engine.recognize(await renderDocumentPng());
    expect(r.lines.map((l) => l.text)).toEqual([
      "QUARTERLY REPORT 2026",
      "Revenue grew in every region during the third quarter.",
      "Shipping costs fell after the new warehouse opened in March.",
      "The board approved a dividend of 42 cents per share.",
      "Customer support answered most tickets within one hour.",
      "Invoices sent", "18,204",
      "Orders shipped", "96,551",
      "Returns", "1,337",
      "Net margin", "12.5%",
      "Page 3 of 12",
    ]);
    const value = r.lines.find((l) => l.text === "96,551")!;
    const b = bounds(value.box);
    expect(Math.abs(b.x0 - 720)).toBeLessThan(10);
    expect(b.y0).toBeLessThan(450 - 20); // baseline 450, size 28: the box top is above the cap height
    expect(b.y1).toBeGreaterThan(450);
  });

  // On PaddleOCR's tight crops PP-OCRv4 read all of these without a single space
  // ("EastPocketcustomer", "Qty139x30"); the recognition margin (rec_crop_margin) keeps them.
  test("keeps the spaces between words of small Latin text", async () => {
    const lines: [string, number][] = [
      ["East Pocket customer", 16],
      ["East Pocket customer minute payment network", 17],
      ["Qty 139 x 30", 23],
      ["Pocket store design copper", 29],
    ];
    for (const [text, size] of lines) {
      const width = Math.ceil(text.length * size * 0.7 + 40);
      const height = Math.ceil(size * 2.2);
      const png = await renderTextPng(width, height, [{ text, x: 20, y: Math.round(height / 2 + size * 0.35), size }]);
      expect((await engine.recognize(png)).lines.map((l) => l.text)).toEqual([text]);
    }
  });

  test("the recognition margin changes what the recogniser sees, never the reported boxes", async () => {
    // Two lines 1.3 line-heights apart: the margin of each stops at the other.
    const png = await renderTextPng(760, 110, [
      { text: "Customer support answered most tickets", x: 20, y: 40, size: 24 },
      { text: "Shipping costs fell in March", x: 20, y: 72, size: 24 },
    ]);
    const [tight, wide] = [await engine.recognize(png, { rec_crop_margin: 0 }), await engine.recognize(png)];
    expect(wide.lines.map((l) => l.box)).toEqual(tight.lines.map((l) => l.box));
    expect(wide.lines.map((l) => l.text)).toEqual(["Customer support answered most tickets", "Shipping costs fell in March"]);
    expect(tight.lines.map((l) => squash(l.text))).toEqual(wide.lines.map((l) => squash(l.text)));
  });

  const cjkFont = cjkFontFamily();
  if (!cjkFont) console.warn("[pipeline.test] no CJK font (fc-list :lang=zh is empty): Chinese OCR test skipped; apt-get install fonts-noto-cjk");
  test.skipIf(!cjkFont)(`reads Chinese and mixed Chinese/Latin lines (${cjkFont ?? "skipped: no CJK font, install fonts-noto-cjk"})`, async () => {
    const lines = ["请妥善保管小票", "订单已发货，预计送达时间：3天", "上海市浦东新区 Order 4711"];
    const png = await renderTextPng(900, 300, lines.map((text, i) => ({ text, x: 40, y: 70 + i * 80, size: 36, font: cjkFont })));
    const r = await engine.recognize(png);
    expect(r.lines.map((l) => l.text)).toEqual(lines);
    for (const line of r.lines) expect(line.score).toBeGreaterThan(0.9);
  });

  test("tilted text gets a tilted box", async () => {
    const png = await renderTextPng(900, 400, [{ text: "INVOICE 4711", x: 150, y: 180, size: 60, rotate: 10 }]);
    const r = await engine.recognize(png);
    expect(r.lines.map((l) => l.text)).toEqual(["INVOICE 4711"]);
    const [tl, tr] = r.lines[0]!.box;
    const angle = (Math.atan2(tr[1] - tl[1], tr[0] - tl[0]) * 180) / Math.PI;
    expect(angle).toBeGreaterThan(6);
    expect(angle).toBeLessThan(14);
  });

  test("vertical (90° clockwise) text is turned upright before recognition", async () => {
    const png = await renderTextPng(200, 700, [{ text: "SHIPMENT 2026", x: 80, y: 60, size: 48, rotate: 90 }]);
    const r = await engine.recognize(png);
    expect(r.lines.map((l) => l.text)).toEqual(["SHIPMENT 2026"]);
  });

  test("upside-down text needs the direction classifier (use_cls)", async () => {
    const png = await renderTextPng(800, 200, [{ text: "HELLO WORLD 2026", x: 700, y: 80, size: 56, rotate: 180 }]);
    const withCls = await engine.recognize(png, { use_cls: true });
    expect(withCls.lines.map((l) => l.text)).toEqual(["HELLO WORLD 2026"]);
    expect(withCls.lines[0]!.angle).toMatchObject({ label: "180" });
    expect(withCls.timings.clsMs).toBeGreaterThan(0);
    const without = await engine.recognize(png);
    expect(without.lines.map((l) => l.text)).not.toContain("HELLO WORLD 2026");
  });

  test("drop_score, empty pages, bad uploads and bad overrides", async () => {
    const png = await renderTextPng(600, 160, [{ text: "TOTAL 99.95", x: 40, y: 100, size: 48 }]);
    expect((await engine.recognize(png, { drop_score: 1 })).lines).toEqual([]);
    expect((await engine.recognize(await renderTextPng(300, 200, []))).lines).toEqual([]);
    await expect(engine.recognize(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).rejects.toBeInstanceOf(OcrInputError);
    await expect(engine.recognize(png, { det_db_thresh: 3 })).rejects.toMatchObject({ status: 400, message: /det_db_thresh/ });
    await expect(engine.recognize(png, { rec_image_shape: "3,32,320" } as never)).rejects.toMatchObject({ status: 400, code: "invalid_params" });
  });

  test("concurrent calls are served one after another, each with its own answer; batching gives the same text", async () => {
    const a = await renderTextPng(600, 160, [{ text: "ALPHA 123", x: 40, y: 100, size: 48 }]);
    const b = await renderTextPng(600, 160, [{ text: "OMEGA 789", x: 40, y: 100, size: 48 }]);
    const [ra, rb] = await Promise.all([engine.recognize(a), engine.recognize(b, { rec_batch_num: 6 })]);
    expect(ra.lines.map((l) => l.text)).toEqual(["ALPHA 123"]);
    expect(rb.lines.map((l) => l.text)).toEqual(["OMEGA 789"]);
    const doc = await renderDocumentPng();
    const [one, six] = [await engine.recognize(doc, { rec_batch_num: 1 }), await engine.recognize(doc, { rec_batch_num: 6 })];
    expect(six.lines.map((l) => l.text)).toEqual(one.lines.map((l) => l.text));
  });
});

describe("engine from a model version folder", () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test("reads model.json parameters; close() releases the sessions", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "ocr-version-"));
    const builtin = builtinModelVersion().files;
    await symlink(builtin.detPath, path.join(dir, "det.onnx"));
    await symlink(builtin.recPath, path.join(dir, "rec.onnx"));
    await symlink(builtin.dictPath, path.join(dir, "dict.txt"));
    await writeFile(path.join(dir, "model.json"), JSON.stringify({ format: MODEL_FORMAT, name: "v4-copy", parameters: { drop_score: 0.8, det_limit_side_len: 640 } }));
    const e = await createOcrEngine(dir, { params: { det_db_box_thresh: 0.5 }, intraOpNumThreads: 1 });
    expect(e.modelName).toBe("v4-copy");
    expect(e.hasClassifier).toBe(false);
    expect(e.params).toMatchObject({ drop_score: 0.8, det_limit_side_len: 640, det_db_box_thresh: 0.5 });
    const r = await e.recognize(await renderTextPng(600, 160, [{ text: "ROUTE 66", x: 40, y: 100, size: 48 }]));
    expect(r.lines.map((l) => l.text)).toEqual(["ROUTE 66"]);
    await expect(e.recognize(Buffer.alloc(1), { use_cls: true })).rejects.toThrow();
    await e.close();
    await expect(e.recognize(Buffer.alloc(1))).rejects.toThrow(/closed/);
  });
});
