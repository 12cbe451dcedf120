import type { FakeS3Backend } from "./s3-backend";
import type { ContainerRequest, ContainerResponse, InvocationHandler } from "./sagemaker-runtime";

type Engine = { recognize(image: Uint8Array): Promise<{ lines: Array<{ text: string; score: number; box: number[][] }> }> };

let engine: Promise<Engine> | undefined;

/** The console's own PP-OCRv4 runtime, loaded once on first use (it takes a second). */
function ocrEngine(): Promise<Engine> {
  engine ??= (async () => {
    const ocr = await import("../../../lib/ocr/index");
    return ocr.createOcrEngine(ocr.builtinModelVersion()) as Promise<Engine>;
  })();
  return engine;
}

/**
 * The seed's inference container, played by the real local OCR runtime: it takes the S3 reference
 * JSON (`{"bucket", "image_uri", "content_type"}`) and reads the image from S3 itself, or
 * `{"image": <base64>}`, or the raw image bytes; it answers `{"label", "confidence", "bbox"}`
 * (texts, scores and 4-point boxes, index-aligned) like the seed's container.
 */
export function paddleOcrContainer(s3: FakeS3Backend | undefined): InvocationHandler {
  return async (request: ContainerRequest): Promise<ContainerResponse> => {
    let image: Uint8Array;
    if (request.contentType.startsWith("application/json")) {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(request.body.toString("utf8")) as Record<string, unknown>;
      } catch {
        return { status: 400, body: "request body is not JSON", contentType: "text/plain" };
      }
      if (typeof body.bucket === "string" && typeof body.image_uri === "string") {
        const object = s3 ? await s3.get(body.bucket, body.image_uri) : null;
        if (!object) return { status: 400, body: `cannot read s3://${body.bucket}/${body.image_uri}`, contentType: "text/plain" };
        image = object;
      } else if (typeof body.image === "string") {
        image = Buffer.from(body.image, "base64");
      } else {
        return { status: 400, body: 'expected {"bucket", "image_uri"} or {"image"}', contentType: "text/plain" };
      }
    } else {
      image = request.body;
    }
    try {
      const result = await (await ocrEngine()).recognize(image);
      return {
        contentType: "application/json",
        body: JSON.stringify({
          label: result.lines.map((line) => line.text),
          confidence: result.lines.map((line) => line.score),
          bbox: result.lines.map((line) => line.box),
        }),
      };
    } catch (error) {
      return { status: 500, body: `OCR failed: ${error instanceof Error ? error.message : String(error)}`, contentType: "text/plain" };
    }
  };
}
