import type { BgrImage } from "./raw-image";

// Windows bitmaps, which the prebuilt libvips in sharp cannot read but scanners and screenshot
// tools still produce (and cv2, which PaddleOCR users feed, reads). Uncompressed only: 1/4/8-bit
// palette, 16-bit 555/565, 24-bit and 32-bit, bottom-up or top-down, every header version.
// RLE, and JPEG or PNG wrapped in a BMP, are refused with a hint to convert.

export class BmpError extends Error {
  constructor(
    readonly kind: "unsupported" | "corrupt",
    message: string,
  ) {
    super(message);
    this.name = "BmpError";
  }
}

export interface BmpHeader {
  width: number;
  height: number;
  bitsPerPixel: number;
  topDown: boolean;
  compression: number;
  /** Where the pixel rows start. */
  dataOffset: number;
  /** Where the colour table starts, and its entry size (3 for OS/2 core headers, else 4). */
  paletteOffset: number;
  paletteEntrySize: 3 | 4;
  paletteSize: number;
  masks?: { r: number; g: number; b: number; a: number };
}

const BI_RGB = 0;
const BI_BITFIELDS = 3;
const BI_ALPHABITFIELDS = 6;
const COMPRESSION_NAMES: Record<number, string> = { 1: "RLE8", 2: "RLE4", 4: "JPEG", 5: "PNG" };

/** Reads the headers only: enough to check the size limits before decoding any pixel. */
export function readBmpHeader(b: Uint8Array): BmpHeader {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 26 || b[0] !== 0x42 || b[1] !== 0x4d) throw new BmpError("corrupt", "The BMP header is damaged.");
  const dataOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  if (headerSize === 12) {
    const bitsPerPixel = view.getUint16(24, true);
    return {
      width: view.getUint16(18, true),
      height: view.getUint16(20, true),
      bitsPerPixel,
      topDown: false,
      compression: BI_RGB,
      dataOffset,
      paletteOffset: 26,
      paletteEntrySize: 3,
      paletteSize: bitsPerPixel <= 8 ? 1 << bitsPerPixel : 0,
    };
  }
  if (headerSize < 40 || b.length < 14 + 40) throw new BmpError("corrupt", "The BMP header is damaged.");
  const rawHeight = view.getInt32(22, true);
  const bitsPerPixel = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const colorsUsed = view.getUint32(46, true);
  let masks: BmpHeader["masks"];
  let paletteOffset = 14 + headerSize;
  if (compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS) {
    // Right after the 40-byte header: following it for BITMAPINFOHEADER, inside later versions.
    const at = 54;
    const hasAlpha = compression === BI_ALPHABITFIELDS || headerSize >= 56;
    if (b.length < at + (hasAlpha ? 16 : 12)) throw new BmpError("corrupt", "The BMP header is damaged.");
    masks = { r: view.getUint32(at, true), g: view.getUint32(at + 4, true), b: view.getUint32(at + 8, true), a: hasAlpha ? view.getUint32(at + 12, true) : 0 };
    if (headerSize === 40) paletteOffset += compression === BI_ALPHABITFIELDS ? 16 : 12;
  }
  return {
    width: view.getInt32(18, true),
    height: Math.abs(rawHeight),
    bitsPerPixel,
    topDown: rawHeight < 0,
    compression,
    dataOffset,
    paletteOffset,
    paletteEntrySize: 4,
    paletteSize: bitsPerPixel <= 8 ? colorsUsed || 1 << bitsPerPixel : 0,
    masks,
  };
}

/** Shift and width of a channel mask, to scale its value to 0–255. */
function maskShape(mask: number): { shift: number; max: number } {
  if (mask === 0) return { shift: 0, max: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  return { shift, max: mask >>> shift };
}

export function decodeBmp(b: Uint8Array, header: BmpHeader = readBmpHeader(b)): BgrImage {
  const { width, height, bitsPerPixel: bpp, compression } = header;
  if (compression !== BI_RGB && compression !== BI_BITFIELDS && compression !== BI_ALPHABITFIELDS) {
    const name = COMPRESSION_NAMES[compression] ?? `compression ${compression}`;
    throw new BmpError("unsupported", `${name}-compressed BMP images are not supported; convert to PNG.`);
  }
  if (![1, 4, 8, 16, 24, 32].includes(bpp)) throw new BmpError("unsupported", `${bpp}-bit BMP images are not supported; convert to PNG.`);
  if (width <= 0 || height <= 0) throw new BmpError("corrupt", "The BMP header declares no dimensions.");
  const stride = Math.ceil((width * bpp) / 32) * 4;
  if (header.dataOffset + stride * height > b.length) throw new BmpError("corrupt", "The BMP image is truncated or corrupt and cannot be decoded.");

  const palette: [number, number, number][] = [];
  for (let i = 0; i < header.paletteSize; i++) {
    const at = header.paletteOffset + i * header.paletteEntrySize;
    if (at + 3 > b.length) break;
    palette.push([b[at]!, b[at + 1]!, b[at + 2]!]);
  }
  if (bpp <= 8 && palette.length === 0) throw new BmpError("corrupt", "The BMP colour table is missing.");

  // 16-bit BI_RGB is 5-5-5; 32-bit BI_RGB is B, G, R and an unused byte.
  const masks =
    header.masks ?? (bpp === 16 ? { r: 0x7c00, g: 0x03e0, b: 0x001f, a: 0 } : bpp === 32 ? { r: 0xff0000, g: 0xff00, b: 0xff, a: 0 } : undefined);
  const shapes = masks && { r: maskShape(masks.r), g: maskShape(masks.g), b: maskShape(masks.b), a: maskShape(masks.a) };
  const channel = (v: number, s: { shift: number; max: number }) => (s.max === 0 ? 0 : Math.round((((v >>> s.shift) & s.max) * 255) / s.max));
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const pixel = (row: number, x: number) => (bpp === 16 ? view.getUint16(row + x * 2, true) : view.getUint32(row + x * 4, true));
  const rowStart = (y: number) => header.dataOffset + (header.topDown ? y : height - 1 - y) * stride;

  // Many writers declare an alpha mask and leave every alpha value 0: that means opaque.
  let useAlpha = false;
  if (shapes && shapes.a.max > 0) {
    for (let y = 0; y < height && !useAlpha; y++) {
      const row = rowStart(y);
      for (let x = 0; x < width; x++) {
        if (channel(pixel(row, x), shapes.a) !== 0) {
          useAlpha = true;
          break;
        }
      }
    }
  }

  const out: BgrImage = { data: new Uint8Array(width * height * 3), width, height };
  for (let y = 0; y < height; y++) {
    const row = rowStart(y);
    let o = y * width * 3;
    for (let x = 0; x < width; x++, o += 3) {
      let bgr: [number, number, number];
      if (bpp === 24) {
        const at = row + x * 3;
        bgr = [b[at]!, b[at + 1]!, b[at + 2]!];
      } else if (bpp === 16 || bpp === 32) {
        const v = pixel(row, x);
        bgr = [channel(v, shapes!.b), channel(v, shapes!.g), channel(v, shapes!.r)];
        if (useAlpha) {
          // Transparency onto white, as for PNG uploads.
          const a = channel(v, shapes!.a) / 255;
          bgr = bgr.map((c) => Math.round(c * a + 255 * (1 - a))) as [number, number, number];
        }
      } else {
        const bit = x * bpp;
        const byte = b[row + (bit >> 3)]!;
        const index = (byte >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        bgr = palette[index] ?? [0, 0, 0];
      }
      out.data[o] = bgr[0];
      out.data[o + 1] = bgr[1];
      out.data[o + 2] = bgr[2];
    }
  }
  return out;
}
