import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { readConfig } from "@/lib/config/env";
import { objectStoreClient } from "./s3-client";

// Objects the console itself keeps in the team bucket live under `_console/`, apart from the
// `<model_name>/<version>/` layout the model registry reads.
export const CONSOLE_PREFIX = "_console/";

export async function putConsoleObject(key: string, body: Uint8Array, contentType: string): Promise<void> {
  const { s3 } = readConfig();
  await objectStoreClient(s3).send(new PutObjectCommand({ Bucket: s3.bucket, Key: `${CONSOLE_PREFIX}${key}`, Body: body, ContentType: contentType }));
}

/** The object as a web stream with its type, for route handlers to pass through. */
export async function getConsoleObject(fullKey: string): Promise<{ body: ReadableStream; contentType: string; length?: number }> {
  const { s3 } = readConfig();
  const object = await objectStoreClient(s3).send(new GetObjectCommand({ Bucket: s3.bucket, Key: fullKey }));
  if (!object.Body) throw new Error(`object ${fullKey} has no body`);
  return { body: object.Body.transformToWebStream(), contentType: object.ContentType ?? "application/octet-stream", length: object.ContentLength };
}

/**
 * Whether a key prefix of the registry bucket reaches objects the console keeps for itself: `_console/`
 * (uploads, synthetic sets, manifests, tested images, upload sessions) and any other top-level `_` folder,
 * which is never a model (rescan skips them), or the whole bucket, which holds them all.
 */
export function reachesConsoleObjects(prefix: string): boolean {
  return prefix === "" || prefix.startsWith("_");
}
