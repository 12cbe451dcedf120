import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderTextPng } from "@/lib/ocr/test-images";
import { startLocalOcrServer, type LocalOcrServer } from "@/test/support/local-ocr-server";
import { closeServer as close, listenOnLoopback as listen } from "@/test/support/loopback-server";
import { callOcrEndpoint, normalizeOcrAnswer, OcrClientError, type OcrProtocol } from "./client";

// The client against the real local serving process (one engine for the file: loading the models is
// the slow part), plus hand-written answers for what that process never says: old pipeline
// items, PaddleX, escapes, and every protocol's error form.

/** Expects `promise` to reject with an OcrClientError and returns it for further checks. */
async function clientError(promise: Promise<unknown>): Promise<OcrClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OcrClientError);
  return error as OcrClientError;
}

const squash = (text: string) => text.replace(/\s/g, "");

describe("callOcrEndpoint against the local serving process", () => {
  let local: LocalOcrServer;
  let base: string;
  let image: Buffer;

  beforeAll(async () => {
    local = await startLocalOcrServer();
    base = local.base;
    image = await renderTextPng(640, 120, [{ text: "INVOICE 4711", x: 40, y: 80, size: 48 }]);
  });
  afterAll(async () => local?.close());

  it("reads the same lines and boxes from the pipeline, PaddleHub and console protocols", async () => {
    const routes: Record<Exclude<OcrProtocol, "paddlex">, string> = {
      "paddle-serving-pipeline": "/ocr/prediction",
      paddlehub: "/predict/ocr_system",
      console: "/predict",
    };
    const results = await Promise.all(
      Object.entries(routes).map(([protocol, path]) => callOcrEndpoint({ url: `${base}${path}`, protocol: protocol as OcrProtocol, image })),
    );
    const [pipeline, hub, plain] = results as [(typeof results)[number], (typeof results)[number], (typeof results)[number]];

    expect(pipeline.lines).toHaveLength(1);
    expect(squash(pipeline.lines[0]!.text)).toBe("INVOICE4711");
    for (const other of [hub, plain]) {
      expect(other.lines.map((l) => [l.text, l.box])).toEqual(pipeline.lines.map((l) => [l.text, l.box]));
      // The serving protocols print scores to 8 significant digits, the console sends the float.
      other.lines.forEach((line, i) => expect(line.score).toBeCloseTo(pipeline.lines[i]!.score!, 6));
    }
    expect(pipeline.lines[0]!.score).toBeGreaterThan(0.8);

    for (const result of results) expect(result.timings!.roundTripMs).toBeGreaterThan(0);
    expect(plain.timings).toMatchObject({ detMs: expect.any(Number), recMs: expect.any(Number), totalMs: expect.any(Number) });
    expect(pipeline.timings).toEqual({ roundTripMs: expect.any(Number) });
  });

  it("turns each protocol's error answer on a 4xx into a remote error with the status", async () => {
    const notImage = new TextEncoder().encode("this is not an image at all");
    const pipeline = await clientError(callOcrEndpoint({ url: `${base}/ocr/prediction`, protocol: "paddle-serving-pipeline", image: notImage }));
    expect(pipeline).toMatchObject({ kind: "remote", status: 415, remoteCode: -9 });
    expect(pipeline.message).toMatch(/^PaddleServing answered err_no -9: ./);

    const hub = await clientError(callOcrEndpoint({ url: `${base}/predict/ocr_system`, protocol: "paddlehub", image: notImage }));
    expect(hub).toMatchObject({ kind: "remote", status: 415, remoteCode: "101" });

    const plain = await clientError(callOcrEndpoint({ url: `${base}/predict`, protocol: "console", image: notImage }));
    expect(plain).toMatchObject({ kind: "remote", status: 415 });
    expect(plain.message).toMatch(/^The OCR endpoint answered \w+: ./);
  });

  it("reports a 404 without a protocol body as an HTTP error", async () => {
    const error = await clientError(callOcrEndpoint({ url: `${base}/nowhere`, protocol: "paddle-serving-pipeline", image }));
    expect(error).toMatchObject({ kind: "http", status: 404 });
    expect(error.message).toContain("answered HTTP 404");
  });
});

describe("callOcrEndpoint requests and failures", () => {
  let server: Server;
  let base: string;
  let handler: (request: IncomingMessage, response: ServerResponse, body: string) => void = () => undefined;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => handler(request, response, Buffer.concat(chunks).toString("utf8")));
    });
    base = await listen(server);
  });
  afterAll(() => close(server));

  it("sends each protocol's exact request body as JSON with the caller's headers", async () => {
    const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const b64 = Buffer.from(image).toString("base64");
    const seen: Array<{ body: unknown; type: string | undefined; auth: string | undefined }> = [];
    handler = (request, response, body) => {
      seen.push({ body: JSON.parse(body), type: request.headers["content-type"], auth: request.headers.authorization });
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ err_no: 0, key: ["result"], value: ["[]"], status: "000", results: [[]], errorCode: 0, result: { ocrResults: [{ prunedResult: { rec_texts: [], rec_scores: [], rec_polys: [] } }] }, lines: [] }));
    };
    for (const protocol of ["paddle-serving-pipeline", "paddlehub", "paddlex", "console"] as const) {
      expect((await callOcrEndpoint({ url: `${base}/x`, protocol, image, headers: { Authorization: "Bearer t" } })).lines).toEqual([]);
    }
    expect(seen.map((s) => s.body)).toEqual([{ key: ["image"], value: [b64] }, { images: [b64] }, { file: b64, fileType: 1 }, { image: b64 }]);
    expect(seen.every((s) => s.type === "application/json" && s.auth === "Bearer t")).toBe(true);
  });

  it("reports a closed loopback port as unreachable", async () => {
    const closed = createServer();
    const url = `${await listen(closed)}/ocr/prediction`;
    await close(closed);
    const error = await clientError(callOcrEndpoint({ url, protocol: "paddle-serving-pipeline", image: new Uint8Array([1]) }));
    expect(error.kind).toBe("unreachable");
    expect(error.status).toBeUndefined();
    expect(error.message).toContain(`Could not reach the endpoint at ${url}`);
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("gives up on an endpoint that never answers after timeoutMs", async () => {
    handler = () => undefined;
    const started = performance.now();
    const error = await clientError(callOcrEndpoint({ url: `${base}/slow`, protocol: "paddlehub", image: new Uint8Array([1]), timeoutMs: 300 }));
    expect(error.kind).toBe("timeout");
    expect(error.message).toBe(`The endpoint at ${base}/slow did not answer within 0.3 s.`);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("lets the caller's abort through as the signal's reason, not as a client error", async () => {
    handler = () => undefined;
    const controller = new AbortController();
    const pending = callOcrEndpoint({ url: `${base}/slow`, protocol: "console", image: new Uint8Array([1]), signal: controller.signal });
    controller.abort(new Error("user cancelled"));
    await expect(pending).rejects.toThrow("user cancelled");
  });

  it("quotes the start of a body that is not JSON", async () => {
    const html = `<html><body>${"x".repeat(400)}</body></html>`;
    handler = (_request, response) => {
      response.writeHead(200, { "Content-Type": "text/html" });
      response.end(html);
    };
    const error = await clientError(callOcrEndpoint({ url: `${base}/ocr/prediction`, protocol: "paddle-serving-pipeline", image: new Uint8Array([1]) }));
    expect(error).toMatchObject({ kind: "protocol", status: 200 });
    expect(error.message).toContain(JSON.stringify(html.slice(0, 200)));
    expect(error.message).not.toContain(html.slice(0, 201));

    handler = (_request, response) => {
      response.writeHead(502, { "Content-Type": "text/plain" });
      response.end("Bad Gateway");
    };
    const gateway = await clientError(callOcrEndpoint({ url: `${base}/ocr/prediction`, protocol: "paddle-serving-pipeline", image: new Uint8Array([1]) }));
    expect(gateway).toMatchObject({ kind: "http", status: 502, message: `The endpoint at ${base}/ocr/prediction answered HTTP 502: "Bad Gateway"` });
  });
});

describe("normalizeOcrAnswer", () => {
  const quad = [[10, 20], [300, 20], [300, 60], [10, 60]];

  it("parses a pipeline answer's Python literal with escapes and Chinese text", () => {
    const literal =
      "[[('INVOICE 4711', 0.98765432), [[10, 20], [300, 20], [300, 60], [10, 60]]], " +
      `[('it\\'s "quoted" \\\\ 发票号码', 0.5), [[12, 70], [200, 70], [200, 90], [12, 90]]], ` +
      `[("don't", 1.0), [[1, 2], [3, 2], [3, 4], [1, 4]]]]`;
    const result = normalizeOcrAnswer("paddle-serving-pipeline", { err_no: 0, err_msg: "", key: ["result"], value: [literal] });
    expect(result).toEqual({
      lines: [
        { text: "INVOICE 4711", score: 0.98765432, box: quad },
        { text: 'it\'s "quoted" \\ 发票号码', score: 0.5, box: [[12, 70], [200, 70], [200, 90], [12, 90]] },
        { text: "don't", score: 1, box: [[1, 2], [3, 2], [3, 4], [1, 4]] },
      ],
    });
  });

  it("reads the old [text, quad] pipeline items with a null score", () => {
    const result = normalizeOcrAnswer("paddle-serving-pipeline", { err_no: 0, key: ["res"], value: ["[['发票', [[10, 20], [300, 20], [300, 60], [10, 60]]]]"] });
    expect(result.lines).toEqual([{ text: "发票", score: null, box: quad }]);
  });

  it("adds timings only with a measured round trip", () => {
    const answer = { lines: [{ text: "A", score: 0.9, box: quad }], timings: { decodeMs: 1, detMs: 2, clsMs: 0, recMs: 3, totalMs: 6 }, width: 400, height: 100 };
    expect(normalizeOcrAnswer("console", answer)).toEqual({ lines: [{ text: "A", score: 0.9, box: quad }] });
    expect(normalizeOcrAnswer("console", answer, 12.5).timings).toEqual({ decodeMs: 1, detMs: 2, clsMs: 0, recMs: 3, totalMs: 6, roundTripMs: 12.5 });
  });

  it("reads PaddleHub's first result list", () => {
    const result = normalizeOcrAnswer("paddlehub", { msg: "", status: "000", results: [[{ text: "4711", confidence: 0.84, text_region: quad }], []] });
    expect(result.lines).toEqual([{ text: "4711", score: 0.84, box: quad }]);
  });

  it("reads a PaddleX answer, reducing polygons of more than 4 points to their min-area rectangle", () => {
    const answer = {
      logId: "abc",
      errorCode: 0,
      errorMsg: "Success",
      result: {
        ocrResults: [
          {
            prunedResult: {
              rec_texts: ["INVOICE", "curved"],
              rec_scores: [0.99, 0.75],
              rec_polys: [quad, [[10, 110], [50, 110], [90, 110], [90, 130], [50, 131], [10, 130]]],
            },
          },
        ],
      },
    };
    expect(normalizeOcrAnswer("paddlex", answer).lines).toEqual([
      { text: "INVOICE", score: 0.99, box: quad },
      { text: "curved", score: 0.75, box: [[10, 110], [90, 110], [90, 131], [10, 131]] },
    ]);
  });

  it("turns each protocol's error form into a remote error", () => {
    const cases: Array<[OcrProtocol, unknown, string | number, string]> = [
      ["paddle-serving-pipeline", { err_no: -9, err_msg: "bad image", key: [], value: [] }, -9, "PaddleServing answered err_no -9: bad image"],
      ["paddlehub", { msg: "Please check data format!", status: "101", results: [] }, "101", "PaddleHub answered status 101: Please check data format!"],
      ["paddlex", { logId: "x", errorCode: 422, errorMsg: "Invalid file" }, 422, "PaddleX answered errorCode 422: Invalid file"],
      ["console", { error: { code: "unsupported_media", message: "Not an image." } }, "unsupported_media", "The OCR endpoint answered unsupported_media: Not an image."],
    ];
    for (const [protocol, answer, code, message] of cases) {
      expect(() => normalizeOcrAnswer(protocol, answer)).toThrow(expect.objectContaining({ kind: "remote", remoteCode: code, message }));
    }
  });

  it("calls malformed answers protocol errors", () => {
    const cases: Array<[OcrProtocol, unknown, RegExp]> = [
      ["paddle-serving-pipeline", { err_no: 0, key: ["result"], value: ["[[('x', 0.9), "] }, /not a Python literal/],
      ["paddle-serving-pipeline", { err_no: 0, key: ["result"], value: ["[[('x', 0.9), [[1, 2], [3, 4]]]]"] }, /line 0 has 2 points, not 4/],
      ["paddlehub", { status: "000" }, /"results" has no list/],
      ["paddlex", { errorCode: 0, result: { ocrResults: [{ prunedResult: { rec_texts: ["a"], rec_scores: [], rec_polys: [] } }] } }, /differ in length/],
      ["console", [], /"lines" is not a list/],
    ];
    for (const [protocol, answer, message] of cases) {
      expect(() => normalizeOcrAnswer(protocol, answer)).toThrow(expect.objectContaining({ kind: "protocol", message: expect.stringMatching(message) }));
    }
  });
});
