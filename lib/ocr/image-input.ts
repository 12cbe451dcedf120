import sharp, { type Metadata, type OutputInfo } from "sharp";
import { BmpError, decodeBmp, readBmpHeader } from "./bmp-decode";
import type { BgrImage } from "./raw-image";

// Uploads come from users: every refusal is a typed error with an HTTP-ish status so the API can
// answer precisely (413 before any decode work, 415 for formats we will not parse, 422 for images
// that claim a format but cannot be decoded).

export type OcrInputErrorCode = "empty" | "invalid_params" | "too_large" | "too_many_pixels" | "unsupported_format" | "corrupt";

const STATUS: Record<OcrInputErrorCode, 400 | 413 | 415 | 422> = {
  empty: 400,
  invalid_params: 400,
  too_large: 413,
  too_many_pixels: 413,
  unsupported_format: 415,
  corrupt: 422,
};

export class OcrInputError extends Error {
  readonly code: OcrInputErrorCode;
  readonly status: 400 | 413 | 415 | 422;

  constructor(code: OcrInputErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OcrInputError";
    this.code = code;
    this.status = STATUS[code];
  }
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_PIXELS = 40_000_000;

export interface ImageInputLimits {
  maxBytes?: number;
  maxPixels?: number;
}

export interface DecodedImage extends BgrImage {
  /** Container format as reported by libvips (jpeg, png, webp, gif, tiff, heif), or bmp. */
  format: string;
}

// Formats the runtime decodes. SVG is excluded on purpose: rendering it means running an XML
// parser and a renderer on user input (external references, entity expansion, huge canvases)
// for no OCR benefit. libvips' "heif" loader here only carries AVIF.
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "gif", "tiff", "heif"]);

type Magic = { format: string; test: (b: Uint8Array) => boolean };
const MAGICS: Magic[] = [
  { format: "png", test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { format: "jpeg", test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { format: "gif", test: (b) => startsWith(b, [0x47, 0x49, 0x46, 0x38]) },
  { format: "webp", test: (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && ascii(b, 8, 4) === "WEBP" },
  { format: "tiff", test: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) },
  { format: "heif", test: (b) => ascii(b, 4, 4) === "ftyp" },
  // "BM" alone is too common a start (text files), so the DIB header size must be a known one too.
  { format: "bmp", test: (b) => startsWith(b, [0x42, 0x4d]) && b.length > 26 && [12, 40, 52, 56, 64, 108, 124].includes(b[14]! | (b[15]! << 8) | (b[16]! << 16) | (b[17]! << 24)) },
];

function startsWith(b: Uint8Array, prefix: number[]): boolean {
  return b.length >= prefix.length && prefix.every((v, i) => b[i] === v);
}

function ascii(b: Uint8Array, offset: number, length: number): string {
  return b.length >= offset + length ? String.fromCharCode(...b.subarray(offset, offset + length)) : "";
}

function sniffMagic(b: Uint8Array): string | undefined {
  return MAGICS.find((m) => m.test(b))?.format;
}

/** True for anything that looks like markup: SVG must be refused before sharp ever parses it. */
function looksLikeMarkup(b: Uint8Array): boolean {
  const head = Buffer.from(b.subarray(0, 4096)).toString("utf8").replace(/^\uFEFF/, "").trimStart();
  return head.startsWith("<") || /<svg[\s>]/i.test(head);
}

function tooManyPixels(width: number, height: number, maxPixels: number): OcrInputError {
  return new OcrInputError(
    "too_many_pixels",
    `The image is ${width}×${height} (${(width * height / 1e6).toFixed(1)} MP); the limit is ${(maxPixels / 1e6).toFixed(1)} MP.`,
  );
}

/** BMP is read here rather than by sharp, whose prebuilt libvips has no BMP loader. */
function decodeBmpUpload(bytes: Uint8Array, maxPixels: number): DecodedImage {
  try {
    const header = readBmpHeader(bytes);
    if (header.width * header.height > maxPixels) throw tooManyPixels(header.width, header.height, maxPixels);
    return { ...decodeBmp(bytes, header), format: "bmp" };
  } catch (error) {
    if (!(error instanceof BmpError)) throw error;
    throw new OcrInputError(error.kind === "unsupported" ? "unsupported_format" : "corrupt", error.message, { cause: error });
  }
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Decodes an uploaded image to BGR pixels with EXIF orientation applied and transparency
 * flattened onto white (text on a transparent PNG would otherwise become text on black).
 * Size limits are enforced from the header alone, before any pixel is decoded.
 */
export async function decodeImage(bytes: Uint8Array, limits: ImageInputLimits = {}): Promise<DecodedImage> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxPixels = limits.maxPixels ?? DEFAULT_MAX_PIXELS;

  if (bytes.length === 0) throw new OcrInputError("empty", "The image is empty (0 bytes).");
  if (bytes.length > maxBytes) {
    throw new OcrInputError("too_large", `The image is ${mb(bytes.length)}; the limit is ${mb(maxBytes)}.`);
  }
  const sniffed = sniffMagic(bytes);
  // Only files without a binary signature are checked for markup, so XMP text inside a JPEG's
  // header can never be mistaken for an SVG.
  if (!sniffed && looksLikeMarkup(bytes)) {
    throw new OcrInputError("unsupported_format", "SVG and other markup are not accepted; upload a PNG, JPEG, WebP, GIF, TIFF or BMP image.");
  }
  if (sniffed === "bmp") return decodeBmpUpload(bytes, maxPixels);

  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let meta: Metadata;
  try {
    // metadata() reads the header only, so a tiny file declaring a gigapixel canvas costs nothing.
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (cause) {
    if (sniffed) {
      throw new OcrInputError("corrupt", `The ${sniffed.toUpperCase()} header is damaged and the image cannot be read.`, { cause });
    }
    throw new OcrInputError("unsupported_format", "The upload is not a recognised image (expected PNG, JPEG, WebP, GIF, TIFF or BMP).", { cause });
  }
  if (meta.format === "svg") {
    throw new OcrInputError("unsupported_format", "SVG is not accepted; upload a PNG, JPEG, WebP, GIF, TIFF or BMP image.");
  }
  if (!ACCEPTED_FORMATS.has(meta.format)) {
    throw new OcrInputError("unsupported_format", `Images in ${meta.format} format are not accepted; upload a PNG, JPEG, WebP, GIF, TIFF or BMP image.`);
  }
  const width = meta.width;
  // Multi-page inputs (GIF, TIFF) report the first page's height via pageHeight.
  const height = meta.pageHeight ?? meta.height;
  if (!width || !height) throw new OcrInputError("corrupt", "The image header declares no dimensions.");
  if (width * height > maxPixels) throw tooManyPixels(width, height, maxPixels);

  let raw: { data: Buffer; info: OutputInfo };
  try {
    // failOn "truncated": refuse cut-off files but tolerate the benign warnings many cameras and
    // editors produce (cv2, which PaddleOCR uses, accepts those too).
    raw = await sharp(input, { limitInputPixels: maxPixels, failOn: "truncated", pages: 1 })
      .rotate()
      .flatten({ background: { r: 255, g: 255, b: 255 } })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
  } catch (cause) {
    throw new OcrInputError("corrupt", `The ${meta.format.toUpperCase()} image is truncated or corrupt and cannot be decoded.`, { cause });
  }
  const { info } = raw;
  if (info.channels !== 3) {
    throw new OcrInputError("corrupt", `Decoding produced ${info.channels} channels instead of 3.`);
  }
  const data = new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength);
  for (let i = 0; i < data.length; i += 3) {
    const r = data[i]!;
    data[i] = data[i + 2]!;
    data[i + 2] = r;
  }
  return { data, width: info.width, height: info.height, format: meta.format };
}
