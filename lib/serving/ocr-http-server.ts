import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { OcrInputError, type OcrEngine, type OcrResult } from "@/lib/ocr";
import { decodeBase64Image } from "@/lib/ocr/base64-image";
import { RequestQueue } from "./request-queue";
import { paddleHubAnswer, paddleHubError, paddleServingAnswer, paddleServingError } from "./serving-protocols";

export interface OcrHttpServerOptions {
  engine: OcrEngine;
  /** Requests allowed to wait while one runs; more are answered 429. */
  maxWaiting?: number;
  /** Largest request body; base64 makes a 20 MB image about 27 MB. */
  maxBodyBytes?: number;
}

/** A failure with the HTTP status it deserves, before protocol-specific wrapping. */
class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

// PaddleServing's ChannelDataErrcode values for the cases a local endpoint meets.
const PIPELINE_ERRNO: Record<number, number> = { 400: -9, 413: -9, 415: -9, 422: -9, 429: -7, 500: -8 };

/**
 * A local OCR endpoint over one engine: the PaddleServing pipeline (`POST /ocr/prediction`), PaddleHub
 * (`POST /predict/ocr_system`) and plain JSON / multipart (`POST /predict`), so scripts written for a
 * cluster endpoint work here unchanged.
 */
export function createOcrHttpServer({ engine, maxWaiting = 16, maxBodyBytes = 32 * 1024 * 1024 }: OcrHttpServerOptions): Server {
  const queue = new RequestQueue(1, maxWaiting);

  async function ocr(images: Uint8Array[], params?: unknown): Promise<OcrResult[]> {
    const outcome = await queue.run(async () => {
      const results: OcrResult[] = [];
      for (const image of images) results.push(await engine.recognize(image, params as never));
      return results;
    });
    if (!outcome) throw new RequestError(429, `The endpoint is busy (${queue.stats.waiting} requests waiting); retry shortly.`, "busy");
    return outcome.value;
  }

  const routes: Record<string, (request: IncomingMessage) => Promise<{ status: number; body: unknown }>> = {
    "GET /health": async () => ({ status: 200, body: { status: "ready", model: engine.modelName, params: engine.params, queue: queue.stats } }),
    "POST /ocr/prediction": async (request) => {
      const body = await readJson(request, maxBodyBytes);
      const keys = Array.isArray(body.key) ? body.key : [];
      const values = Array.isArray(body.value) ? body.value : [];
      const index = keys.indexOf("image");
      if (index < 0 || typeof values[index] !== "string") throw new RequestError(400, 'Send {"key": ["image"], "value": ["<base64 image>"]}.', "bad_request");
      const [result] = await ocr([decodeBase64(values[index] as string)]);
      return { status: 200, body: paddleServingAnswer(result!) };
    },
    "POST /predict/ocr_system": async (request) => {
      const body = await readJson(request, maxBodyBytes);
      if (!Array.isArray(body.images) || body.images.length === 0 || !body.images.every((i) => typeof i === "string")) {
        throw new RequestError(400, 'Send {"images": ["<base64 image>", …]}.', "bad_request");
      }
      return { status: 200, body: paddleHubAnswer(await ocr((body.images as string[]).map(decodeBase64))) };
    },
    "POST /predict": async (request) => {
      const { image, params } = await readPlainRequest(request, maxBodyBytes);
      const [result] = await ocr([image], params);
      return { status: 200, body: result };
    },
  };

  return createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const route = routes[`${request.method} ${path}`];
    if (!route) return send(response, 404, { error: { code: "not_found", message: `No ${request.method} ${path} here.` } });
    route(request)
      .then(({ status, body }) => send(response, status, body))
      .catch((error: unknown) => {
        const failure = asRequestError(error);
        if (failure.status === 429) response.setHeader("Retry-After", "1");
        if (path === "/ocr/prediction") return send(response, failure.status, paddleServingError(failure.message, PIPELINE_ERRNO[failure.status] ?? -8));
        if (path === "/predict/ocr_system") return send(response, failure.status, paddleHubError(failure.message));
        send(response, failure.status, { error: { code: failure.code, message: failure.message } });
      });
  });
}

function asRequestError(error: unknown): RequestError {
  if (error instanceof RequestError) return error;
  if (error instanceof OcrInputError) return new RequestError(error.status, error.message, error.code);
  console.error(`[ocr-serving] ${error instanceof Error ? error.stack : String(error)}`);
  return new RequestError(500, "OCR failed on the server.", "internal");
}

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > maxBytes) throw new RequestError(413, `The request is larger than ${maxBytes} bytes.`, "too_large");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new RequestError(413, `The request is larger than ${maxBytes} bytes.`, "too_large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(request: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  const text = (await readBody(request, maxBytes)).toString("utf8");
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the same answer as a non-object
  }
  throw new RequestError(400, "The request body is not a JSON object.", "bad_request");
}

function decodeBase64(text: string): Uint8Array {
  const image = decodeBase64Image(text);
  if (!image) throw new RequestError(400, "The image is not valid base64.", "bad_request");
  return image;
}

/** `POST /predict`: JSON `{ image: base64, params? }` or multipart with an `image` file (and `params` JSON). */
async function readPlainRequest(request: IncomingMessage, maxBytes: number): Promise<{ image: Uint8Array; params?: unknown }> {
  const type = request.headers["content-type"] ?? "";
  if (type.startsWith("multipart/form-data")) {
    const body = await readBody(request, maxBytes);
    const form = await new Request("http://local/", { method: "POST", headers: { "content-type": type }, body: new Uint8Array(body) }).formData().catch(() => {
      throw new RequestError(400, "The multipart body cannot be read.", "bad_request");
    });
    const image = form.get("image");
    if (!image || typeof image === "string") throw new RequestError(400, 'Send the image as a multipart file field named "image".', "bad_request");
    const params = form.get("params");
    return { image: new Uint8Array(await image.arrayBuffer()), params: typeof params === "string" && params ? parseParams(params) : undefined };
  }
  const body = await readJson(request, maxBytes);
  if (typeof body.image !== "string") throw new RequestError(400, 'Send {"image": "<base64>"} or a multipart field "image".', "bad_request");
  return { image: decodeBase64(body.image), params: body.params };
}

function parseParams(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError(400, "The params field is not JSON.", "bad_request");
  }
}
