import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderTextPng } from "@/lib/ocr/test-images";
import { startLocalOcrServer, type LocalOcrServer } from "@/test/support/local-ocr-server";
import { closeServer, listenOnLoopback } from "@/test/support/loopback-server";
import { createOcrHttpServer } from "./ocr-http-server";
import { parsePythonLiteral } from "./python-literal";

// A local endpoint on the real PP-OCRv4 models, called the ways PaddleOCR users' scripts call a
// cluster endpoint. One engine and one server for the file: loading the models is the slow part.

let local: LocalOcrServer;
let base: string;
let image: Buffer;

beforeAll(async () => {
  local = await startLocalOcrServer({ maxWaiting: 16, maxBodyBytes: 2 * 1024 * 1024 });
  base = local.base;
  image = await renderTextPng(640, 120, [{ text: "INVOICE 4711", x: 40, y: 80, size: 48 }]);
});
afterAll(async () => local?.close());

const postJson = (path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

describe("local OCR endpoint", () => {
  it("answers PaddleServing's pipeline protocol with the str() of the lines", async () => {
    const response = await postJson("/ocr/prediction", { key: ["image"], value: [image.toString("base64")] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { err_no: number; err_msg: string; key: string[]; value: string[] };
    expect(body).toMatchObject({ err_no: 0, err_msg: "", key: ["result"] });
    const lines = parsePythonLiteral(body.value[0]!) as Array<[[string, number], number[][]]>;
    expect(lines).toHaveLength(1);
    const [[text, score], quad] = lines[0]!;
    expect(text).toBe("INVOICE 4711");
    expect(score).toBeGreaterThan(0.8);
    expect(quad).toHaveLength(4);
    expect(body.value[0]).toMatch(/^\[\[\('INVOICE 4711', 0\.\d+\), \[\[\d+, \d+\], /);
  });

  it("answers PaddleHub's ocr_system protocol, one result list per image", async () => {
    const response = await postJson("/predict/ocr_system", { images: [image.toString("base64"), image.toString("base64")] });
    const body = (await response.json()) as { status: string; results: Array<Array<{ text: string; confidence: number; text_region: number[][] }>> };
    expect(body.status).toBe("000");
    expect(body.results).toHaveLength(2);
    expect(body.results[1]![0]!.text).toBe("INVOICE 4711");
    expect(body.results[1]![0]!.text_region).toHaveLength(4);
  });

  it("takes plain JSON and multipart uploads, with per-request parameters", async () => {
    const json = await postJson("/predict", { image: `data:image/png;base64,${image.toString("base64")}` });
    const result = (await json.json()) as { lines: Array<{ text: string }>; timings: { totalMs: number }; width: number };
    expect(result.lines[0]!.text).toBe("INVOICE 4711");
    expect(result.width).toBe(640);
    expect(result.timings.totalMs).toBeGreaterThan(0);

    const form = new FormData();
    form.set("image", new Blob([new Uint8Array(image)], { type: "image/png" }), "invoice.png");
    form.set("params", JSON.stringify({ drop_score: 0.99999 }));
    const multipart = await fetch(`${base}/predict`, { method: "POST", body: form });
    expect(multipart.status).toBe(200);
    // Nothing is that certain, so a drop score of 0.99999 drops every line.
    expect(((await multipart.json()) as { lines: unknown[] }).lines).toEqual([]);
  });

  it("refuses bad input with a 4xx in each protocol's own error shape", async () => {
    const notImage = Buffer.from("this is not an image at all").toString("base64");
    const pipeline = await postJson("/ocr/prediction", { key: ["image"], value: [notImage] });
    expect(pipeline.status).toBe(415);
    expect(await pipeline.json()).toMatchObject({ err_no: -9, err_msg: expect.stringMatching(/./) });

    const missing = await postJson("/ocr/prediction", { key: ["img"], value: ["x"] });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { err_msg: string }).err_msg).toMatch(/"key": \["image"\]/);

    const hub = await postJson("/predict/ocr_system", { images: "nope" });
    expect(hub.status).toBe(400);
    expect(await hub.json()).toMatchObject({ status: "101" });

    const svg = await postJson("/predict", { image: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>").toString("base64") });
    expect(svg.status).toBe(415);
    expect(await svg.json()).toMatchObject({ error: { code: "unsupported_format" } });

    const badParams = await postJson("/predict", { image: image.toString("base64"), params: { det_db_thresh: 7 } });
    expect(badParams.status).toBe(400);

    const huge = await postJson("/predict", { image: "A".repeat(3 * 1024 * 1024) });
    expect(huge.status).toBe(413);

    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });

  it("stays up under 16 concurrent requests and turns away what does not fit in the queue", async () => {
    const small = createOcrHttpServer({ engine: local.engine, maxWaiting: 2 });
    const url = `${await listenOnLoopback(small)}/predict`;
    try {
      const statuses = await Promise.all(
        Array.from({ length: 16 }, () =>
          fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ image: image.toString("base64") }) }).then(
            async (r) => [r.status, r.headers.get("retry-after"), await r.text()] as const,
          ),
        ),
      );
      const ok = statuses.filter(([status]) => status === 200);
      const busy = statuses.filter(([status]) => status === 429);
      expect(ok.length).toBeGreaterThanOrEqual(3); // one running + two waiting
      expect(ok.length + busy.length).toBe(16);
      expect(busy.every(([, retryAfter]) => retryAfter === "1")).toBe(true);
      const health = await fetch(url.replace("/predict", "/health"));
      expect(await health.json()).toMatchObject({ status: "ready", queue: { active: 0, waiting: 0 } });
    } finally {
      await closeServer(small);
    }
  });
});
