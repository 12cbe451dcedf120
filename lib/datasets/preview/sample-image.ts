import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import sharp from "sharp";
import { isOutsideRoot } from "@/lib/datasets/validation/image-headers";
import { ConsoleError } from "@/lib/errors/console-error";

export interface SampleImage {
  body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>;
  contentType: string;
  length?: number;
}

/** Formats every browser shows as they are; anything else (TIFF, BMP …) is converted to PNG. */
const BROWSER_FORMATS: Record<string, string> = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp", gif: "image/gif" };
/** Long side of a gallery thumbnail: sharp on a 2× screen for tiles of about 240 px. */
export const THUMB_SIZE = 480;

/**
 * The file an image path of a label file names, refusing anything that leaves the dataset folder:
 * absolute paths, `..` segments, and symlinks whose target lies outside. The path comes from the
 * request, so it is checked before the disk is touched, and again after symlinks are resolved.
 */
export async function resolveSampleImage(root: string, imagePath: string): Promise<string> {
  const outside = () => new ConsoleError("bad_request", "The image path must name a file inside the dataset folder.");
  if (/[\0]/.test(imagePath) || path.isAbsolute(imagePath) || /^[a-zA-Z]:/.test(imagePath) || imagePath.startsWith("\\")) throw outside();
  if (imagePath.split(/[\\/]/).includes("..")) throw outside();
  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) throw new ConsoleError("unavailable", "The dataset's files are not on this server yet.");
  const real = await realpath(path.resolve(realRoot, imagePath)).catch(() => null);
  if (!real) throw new ConsoleError("not_found", `There is no image ${imagePath} in the dataset.`);
  if (isOutsideRoot(path.relative(realRoot, real))) throw outside();
  if (!(await stat(real)).isFile()) throw new ConsoleError("not_found", `${imagePath} is not a file.`);
  return real;
}

/**
 * A sample image for the gallery: a thumbnail (EXIF-oriented, as the boxes are, at most THUMB_SIZE on its
 * long side) or the full image. Only files that decode as images are served, so label files and other
 * data in the folder cannot be read through this route.
 */
export async function readSampleImage(root: string, imagePath: string, size: "thumb" | "full"): Promise<SampleImage> {
  const file = await resolveSampleImage(root, imagePath);
  const metadata = await sharp(file)
    .metadata()
    .catch(() => null);
  if (!metadata?.format) throw new ConsoleError("unsupported_media_type", `${imagePath} is not an image the console can read.`);
  if (size === "thumb") {
    const body = await sharp(file)
      .rotate()
      .resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return { body: bytes(body), contentType: "image/webp", length: body.length };
  }
  const browserType = BROWSER_FORMATS[metadata.format];
  // Files EXIF says to turn are re-encoded upright, so every viewer shows the frame the boxes refer to.
  if (browserType && (metadata.orientation ?? 1) === 1) {
    const { size: length } = await stat(file);
    return { body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, contentType: browserType, length };
  }
  const body = await sharp(file).rotate().png().toBuffer();
  return { body: bytes(body), contentType: "image/png", length: body.length };
}

/** sharp's Buffers sit on plain ArrayBuffers; the Fetch types want to be told. */
function bytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength);
}
