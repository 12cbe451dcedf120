import { ConsoleError } from "@/lib/errors/console-error";
import { isJsonMediaType, readJsonBody, readMultipartBody } from "./read-body";
import { decodeBase64Image } from "@/lib/ocr/base64-image";
import { DEFAULT_MAX_BYTES } from "@/lib/ocr/image-input";
import { parseInput } from "@/lib/errors/validation";
import { predictBodySchema } from "@/lib/schemas/endpoints";

// base64 makes an image a third larger; a little more leaves room for the JSON around it.
const MAX_BODY_BYTES = Math.ceil(DEFAULT_MAX_BYTES * 1.4);

/** An image sent as multipart field `image` (+ optional `params` JSON) or as JSON `{ image: base64, params? }`. */
export async function readImageUpload(request: Request): Promise<{ image: Uint8Array; params?: unknown }> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await readMultipartBody(request, MAX_BODY_BYTES).catch(tooLargeInWords);
    const image = form.get("image");
    if (!image || typeof image === "string") throw new ConsoleError("bad_request", 'Send the image as a multipart file field named "image".', { image: ["Required"] });
    const params = form.get("params");
    return { image: new Uint8Array(await image.arrayBuffer()), params: typeof params === "string" && params ? parseJson(params) : undefined };
  }
  if (!isJsonMediaType(type)) throw new ConsoleError("unsupported_media_type", 'Send multipart with an "image" file, or JSON {"image": "<base64>"} as application/json.');
  const body = await readJsonBody(request, MAX_BODY_BYTES).catch(tooLargeInWords);
  const { image, params } = parseInput(predictBodySchema, body);
  const bytes = decodeBase64Image(image);
  if (!bytes) throw new ConsoleError("bad_request", "The image is not valid base64.", { image: ["Not base64"] });
  return { image: bytes, params };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ConsoleError("bad_request", "The params field is not JSON.", { params: ["Not JSON"] });
  }
}

function tooLargeInWords(error: unknown): never {
  if (error instanceof ConsoleError && error.code === "payload_too_large") {
    throw new ConsoleError("payload_too_large", `The upload is larger than ${DEFAULT_MAX_BYTES / 2 ** 20} MB.`);
  }
  throw error;
}
