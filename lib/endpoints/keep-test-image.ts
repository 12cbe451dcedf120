import sharp from "sharp";
import { CONSOLE_PREFIX, putConsoleObject } from "@/lib/storage/console-objects";

const TYPES: Record<string, string> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp", tiff: "image/tiff", gif: "image/gif" };

/**
 * Keeps a tested image and a small thumbnail in the object store for the endpoint's history.
 * The image already passed the OCR runtime's checks, so decoding it again here is safe.
 */
export async function keepTestImage(endpointId: string, predictionId: string, image: Uint8Array) {
  const format = (await sharp(image).metadata()).format ?? "";
  const imageType = TYPES[format] ?? "application/octet-stream";
  const base = `predictions/${endpointId}/${predictionId}`;
  const thumbnail = await sharp(image, { pages: 1 }).rotate().resize(160, 160, { fit: "inside", withoutEnlargement: true }).webp({ quality: 70 }).toBuffer();
  await Promise.all([putConsoleObject(base, image, imageType), putConsoleObject(`${base}.thumb.webp`, thumbnail, "image/webp")]);
  return { imageKey: `${CONSOLE_PREFIX}${base}`, thumbKey: `${CONSOLE_PREFIX}${base}.thumb.webp`, imageType };
}
