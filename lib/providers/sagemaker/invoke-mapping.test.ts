import { describe, expect, it } from "vitest";
import { invocationMappingSchema, sagemakerEndpointConfigSchema } from "./endpoint-options";
import { invocationBody, needsUpload, readOcrAnswer } from "./invoke-mapping";

const mapping = (input: Record<string, unknown> = {}) => invocationMappingSchema.parse(input);
const box = [
  [10, 20],
  [110, 20],
  [110, 40],
  [10, 40],
];
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

describe("invocation requests", () => {
  it("sends the raw image with its own content type, or the one the endpoint sets", () => {
    expect(invocationBody(mapping(), png, "image/png", null, undefined)).toEqual({ body: png, contentType: "image/png" });
    expect(invocationBody(mapping({ contentType: "application/x-image" }), png, "image/png", null, undefined).contentType).toBe("application/x-image");
    expect(needsUpload(mapping())).toBe(false);
  });

  it("sends the seed container's S3 reference once the image is uploaded", () => {
    const request = invocationBody(mapping({ mode: "s3-reference" }), png, "image/png", { bucket: "ocr-artifacts", key: "console/invocations/x/1.png" }, undefined);
    expect(request.contentType).toBe("application/json");
    expect(JSON.parse(Buffer.from(request.body).toString())).toEqual({ bucket: "ocr-artifacts", image_uri: "console/invocations/x/1.png", content_type: "application/json" });
    expect(needsUpload(mapping({ mode: "s3-reference" }))).toBe(true);
  });

  it("fills a custom template, JSON-escaped, with the OCR parameters as an object", () => {
    const template = '{"input": {"s3": "{{s3uri}}", "type": "{{contentType}}"}, "options": {{params}}}';
    const custom = mapping({ requestTemplate: template });
    expect(needsUpload(custom)).toBe(true);
    const request = invocationBody(custom, png, "image/png", { bucket: "b", key: 'a "quoted" key.png' }, { det_db_thresh: 0.3 });
    expect(JSON.parse(Buffer.from(request.body).toString())).toEqual({ input: { s3: 's3://b/a "quoted" key.png', type: "image/png" }, options: { det_db_thresh: 0.3 } });
    expect(JSON.parse(Buffer.from(invocationBody(mapping({ requestTemplate: '{"b64": "{{base64}}"}' }), png, "image/png", null, undefined).body).toString())).toEqual({
      b64: Buffer.from(png).toString("base64"),
    });
  });

  it("refuses a template that is not JSON", () => {
    expect(invocationMappingSchema.safeParse({ requestTemplate: '{"a": {{bucket}}' }).success).toBe(false);
    expect(sagemakerEndpointConfigSchema.safeParse({ autoscaling: { minInstances: 3, maxInstances: 2 } }).success).toBe(false);
  });
});

describe("reading container answers", () => {
  it("reads the seed container's label/confidence/bbox answer", () => {
    expect(readOcrAnswer(mapping(), { label: ["INVOICE"], confidence: [0.98], bbox: [box] })).toEqual([{ text: "INVOICE", score: 0.98, box }]);
  });

  it("recognises PaddleOCR's Python result, per image or flat, and an empty [None]", () => {
    const lines = [[box, ["TOTAL 12.50", 0.91]]];
    expect(readOcrAnswer(mapping(), [lines])).toEqual([{ text: "TOTAL 12.50", score: 0.91, box }]);
    expect(readOcrAnswer(mapping(), lines)).toEqual([{ text: "TOTAL 12.50", score: 0.91, box }]);
    expect(readOcrAnswer(mapping(), { result: [lines] })[0]?.text).toBe("TOTAL 12.50");
    expect(readOcrAnswer(mapping({ response: "paddleocr" }), [null])).toEqual([]);
  });

  it("reads the serving protocols the console knows, and axis-aligned rectangles", () => {
    expect(readOcrAnswer(mapping(), { results: [[{ text: "hub", confidence: 0.9, text_region: box }]] })[0]?.text).toBe("hub");
    expect(readOcrAnswer(mapping(), { lines: [{ text: "console", score: 0.8, box }] })[0]?.text).toBe("console");
    expect(readOcrAnswer(mapping({ response: "seed" }), { label: ["r"], bbox: [[1, 2, 11, 12]] })).toEqual([
      {
        text: "r",
        score: null,
        box: [
          [1, 2],
          [11, 2],
          [11, 12],
          [1, 12],
        ],
      },
    ]);
  });

  it("follows custom paths into an unknown answer", () => {
    const custom = mapping({ response: "custom", responsePaths: { lines: "data.items", text: "value", score: "conf", box: "polygon" } });
    expect(readOcrAnswer(custom, { data: { items: [{ value: "x", conf: 0.5, polygon: box }] } })).toEqual([{ text: "x", score: 0.5, box }]);
    expect(() => readOcrAnswer(custom, { data: {} })).toThrow('The answer does not fit the endpoint\'s response paths: "data.items" is not a list.');
  });

  it("says what it got when it cannot recognise an answer", () => {
    expect(() => readOcrAnswer(mapping(), { prediction: "INVOICE" })).toThrow(/Cannot read the container's answer as OCR lines: \{"prediction":"INVOICE"\}/);
  });
});
