import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { decodeImage, OcrInputError } from "./image-input";

async function rejection(p: Promise<unknown>): Promise<OcrInputError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OcrInputError);
  return err as OcrInputError;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A valid PNG header declaring width×height, with no pixel data worth decoding. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function noise(width: number, height: number, channels: 3 | 4 = 3): Buffer {
  const b = Buffer.alloc(width * height * channels);
  let s = 12345;
  for (let i = 0; i < b.length; i++) b[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  return b;
}

describe("decodeImage rejections", () => {
  test("empty → 400", async () => {
    expect((await rejection(decodeImage(new Uint8Array(0)))).status).toBe(400);
  });

  test("SVG → 415, even with an XML prolog or leading whitespace", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
    for (const body of [svg, `<?xml version="1.0"?>\n${svg}`, `\n  ${svg}`]) {
      const err = await rejection(decodeImage(Buffer.from(body)));
      expect(err.status).toBe(415);
      expect(err.message).toMatch(/SVG/);
    }
  });

  test("a PNG header declaring 100000×100000 → 413 from the header alone", async () => {
    const t0 = performance.now();
    const err = await rejection(decodeImage(pngHeaderOnly(100_000, 100_000)));
    expect(err.status).toBe(413);
    expect(err.code).toBe("too_many_pixels");
    expect(err.message).toMatch(/100000×100000/);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  test("the pixel limit is configurable", async () => {
    const png = await sharp(noise(100, 100), { raw: { width: 100, height: 100, channels: 3 } }).png().toBuffer();
    expect((await rejection(decodeImage(png, { maxPixels: 5_000 }))).status).toBe(413);
  });

  test("more bytes than the limit → 413 before anything is parsed", async () => {
    const err = await rejection(decodeImage(Buffer.alloc(2048, 0xff), { maxBytes: 1024 }));
    expect(err.status).toBe(413);
    expect(err.code).toBe("too_large");
  });

  test("random bytes → 415", async () => {
    const err = await rejection(decodeImage(noise(64, 64)));
    expect(err.status).toBe(415);
    expect(err.code).toBe("unsupported_format");
  });

  test("RLE-compressed BMP → 415 with a hint; a BMP cut short → 422; a huge one → 413 from its header", async () => {
    const rle = bmpFile({ width: 4, height: 2, bpp: 8, compression: 1, palette: [[0, 0, 0]], pixels: Buffer.alloc(8) });
    const err = await rejection(decodeImage(rle));
    expect([err.status, err.message]).toEqual([415, expect.stringMatching(/RLE8.*convert to PNG/)]);
    const full = bmpFile({ width: 16, height: 16, bpp: 24, pixels: Buffer.alloc(16 * 16 * 3) });
    expect((await rejection(decodeImage(full.subarray(0, full.length - 100)))).status).toBe(422);
    const huge = bmpFile({ width: 100_000, height: 100_000, bpp: 24, pixels: Buffer.alloc(0) });
    expect((await rejection(decodeImage(huge))).code).toBe("too_many_pixels");
  });

  test("a text file starting with BM is not taken for a bitmap", async () => {
    expect((await rejection(decodeImage(Buffer.from("BMW 320i service record, 2019 — 84,000 km")))).status).toBe(415);
  });

  test("truncated JPEG and PNG → 422", async () => {
    const jpeg = await sharp(noise(256, 256), { raw: { width: 256, height: 256, channels: 3 } }).jpeg().toBuffer();
    const png = await sharp(noise(256, 256), { raw: { width: 256, height: 256, channels: 3 } }).png().toBuffer();
    for (const cut of [jpeg.subarray(0, jpeg.length >> 1), png.subarray(0, png.length >> 1)]) {
      const err = await rejection(decodeImage(cut));
      expect(err.status).toBe(422);
      expect(err.message).toMatch(/truncated or corrupt/);
    }
  });

  test("a known signature with a broken header → 422", async () => {
    const broken = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 7)]);
    expect((await rejection(decodeImage(broken))).status).toBe(422);
  });
});

describe("decodeImage", () => {
  test("returns BGR pixels", async () => {
    const png = await sharp({ create: { width: 2, height: 1, channels: 3, background: { r: 255, g: 0, b: 0 } } }).png().toBuffer();
    const im = await decodeImage(png);
    expect([im.width, im.height, im.format]).toEqual([2, 1, "png"]);
    expect(Array.from(im.data.subarray(0, 3))).toEqual([0, 0, 255]);
  });

  test("applies EXIF orientation", async () => {
    const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#fff" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const im = await decodeImage(jpeg);
    expect([im.width, im.height]).toEqual([20, 40]);
  });

  test("flattens transparency onto white and expands greyscale to 3 channels", async () => {
    const transparent = await sharp({ create: { width: 4, height: 4, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    expect(Array.from((await decodeImage(transparent)).data.subarray(0, 3))).toEqual([255, 255, 255]);
    const grey = await sharp(Buffer.alloc(16, 80), { raw: { width: 4, height: 4, channels: 1 } }).png().toBuffer();
    const g = await decodeImage(grey);
    expect(g.data.length).toBe(4 * 4 * 3);
    expect(Array.from(g.data.subarray(0, 3))).toEqual([80, 80, 80]);
  });

  test("decodes webp, tiff and the first frame of an animated GIF", async () => {
    const base = sharp({ create: { width: 8, height: 6, channels: 3, background: "#00f" } });
    for (const buf of [await base.clone().webp({ lossless: true }).toBuffer(), await base.clone().tiff().toBuffer()]) {
      const im = await decodeImage(buf);
      expect([im.width, im.height]).toEqual([8, 6]);
      expect(im.data[0]).toBeGreaterThan(240); // blue first in BGR
    }
    // Two 8×6 frames stacked: white over black.
    const frames = Buffer.concat([Buffer.alloc(8 * 6 * 3, 255), Buffer.alloc(8 * 6 * 3, 0)]);
    const gif = await sharp(frames, { raw: { width: 8, height: 12, channels: 3, pageHeight: 6 } }).gif().toBuffer();
    const im = await decodeImage(gif);
    expect([im.format, im.width, im.height]).toEqual(["gif", 8, 6]);
    expect(im.data[0]).toBe(255);
  });

  test("decodes Windows bitmaps: 24-bit bottom-up, 32-bit top-down, 16-bit 565, 8- and 1-bit palettes", async () => {
    // 3×2 images whose top row is red, green, blue and bottom row white, black, grey (BGR below).
    const top = [[0, 0, 255], [0, 255, 0], [255, 0, 0]];
    const bottom = [[255, 255, 255], [0, 0, 0], [128, 128, 128]];
    const expected = [...top, ...bottom].flat();
    const rows24 = (rows: number[][][]) => Buffer.concat(rows.map((r) => Buffer.concat([Buffer.from(r.flat()), Buffer.alloc(3)]))); // 9 bytes + 3 padding
    const bottomUp24 = bmpFile({ width: 3, height: 2, bpp: 24, pixels: rows24([bottom, top]) });
    const topDown32 = bmpFile({ width: 3, height: -2, bpp: 32, pixels: Buffer.from([top, bottom].flat().flatMap((p) => [...p, 0])) });
    const palette = [...top, ...bottom] as [number, number, number][];
    const eightBit = bmpFile({ width: 3, height: 2, bpp: 8, palette, pixels: Buffer.from([3, 4, 5, 0, 0, 1, 2, 0]) });
    for (const bmp of [bottomUp24, topDown32, eightBit]) {
      const im = await decodeImage(bmp);
      expect([im.format, im.width, im.height]).toEqual(["bmp", 3, 2]);
      expect(Array.from(im.data)).toEqual(expected);
    }
    const rgb565 = (b: number, g: number, r: number) => ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3);
    const px16 = [top, bottom].map((row) => row.map(([b, g, r]) => rgb565(b!, g!, r!)));
    const rows16 = Buffer.alloc(16);
    [px16[1]!, px16[0]!].forEach((row, y) => row.forEach((v, x) => rows16.writeUInt16LE(v, y * 8 + x * 2)));
    const sixteen = await decodeImage(bmpFile({ width: 3, height: 2, bpp: 16, compression: 3, masks: [0xf800, 0x07e0, 0x001f], pixels: rows16 }));
    expect(Array.from(sixteen.data.subarray(0, 9))).toEqual([0, 0, 255, 0, 255, 0, 255, 0, 0]);
    // 1-bit: 10 pixels per row, black/white alternating, rows padded to 4 bytes.
    const mono = await decodeImage(bmpFile({ width: 10, height: 1, bpp: 1, palette: [[0, 0, 0], [255, 255, 255]], pixels: Buffer.from([0b01010101, 0b01000000, 0, 0]) }));
    expect(Array.from({ length: 10 }, (_, x) => mono.data[x * 3])).toEqual([0, 255, 0, 255, 0, 255, 0, 255, 0, 255]);
  });
});

/** A BMP file with a 40-byte BITMAPINFOHEADER; `pixels` are the rows as stored (padded). */
function bmpFile(o: { width: number; height: number; bpp: number; compression?: number; palette?: [number, number, number][]; masks?: number[]; pixels: Buffer }): Buffer {
  const extra = o.masks ? Buffer.from(new Uint32Array(o.masks).buffer) : Buffer.concat((o.palette ?? []).map((c) => Buffer.from([...c, 0])));
  const dataOffset = 14 + 40 + extra.length;
  const head = Buffer.alloc(54);
  head.write("BM", 0, "ascii");
  head.writeUInt32LE(dataOffset + o.pixels.length, 2);
  head.writeUInt32LE(dataOffset, 10);
  head.writeUInt32LE(40, 14);
  head.writeInt32LE(o.width, 18);
  head.writeInt32LE(o.height, 22);
  head.writeUInt16LE(1, 26);
  head.writeUInt16LE(o.bpp, 28);
  head.writeUInt32LE(o.compression ?? 0, 30);
  head.writeUInt32LE(o.pixels.length, 34);
  head.writeUInt32LE(o.palette?.length ?? 0, 46);
  return Buffer.concat([head, extra, o.pixels]);
}
