import { ConsoleError } from "@/lib/errors/console-error";
import { formatBytes } from "@/lib/datasets/format-bytes";

/** The most a JSON request body may be; operations that take more declare their own limit. */
export const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * A request body's bytes, counted as they stream: a body without Content-Length (chunked) is cut
 * off at the limit, so no caller can make the server hold more than `maxBytes` of it.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/**
 * A JSON object body. Only `application/json` is read as JSON: browsers let any page send
 * `text/plain` across origins without asking, so accepting it would let a foreign form post JSON.
 */
export async function readJsonBody(request: Request, maxBytes = JSON_BODY_LIMIT): Promise<Record<string, unknown>> {
  const bytes = await readBodyBytes(request, maxBytes);
  if (bytes.byteLength === 0) return {};
  if (!isJsonMediaType(request.headers.get("content-type"))) {
    throw new ConsoleError("unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`.");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new ConsoleError("bad_request", "The request body is not valid JSON in UTF-8.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ConsoleError("bad_request", "The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/** A multipart form, read within the limit before it is parsed. */
export async function readMultipartBody(request: Request, maxBytes: number): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new ConsoleError("unsupported_media_type", "Send the body as multipart/form-data.");
  }
  const bytes = await readBodyBytes(request, maxBytes);
  try {
    return await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": type } }).formData();
  } catch {
    throw new ConsoleError("bad_request", "The multipart body cannot be read: its boundary or parts are malformed.");
  }
}

export function isJsonMediaType(contentType: string | null): boolean {
  const essence = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return essence === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(essence);
}

function tooLarge(maxBytes: number): ConsoleError {
  return new ConsoleError("payload_too_large", `The request body is larger than ${formatBytes(maxBytes)}.`);
}
