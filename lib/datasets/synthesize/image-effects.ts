import sharp from "sharp";
import { mulberry32, type Prng } from "./prng";

// Backgrounds and degradations, done on raw pixels with the seeded generator rather than with
// libvips' own random functions, so a seed reproduces every pixel.

export type Rgb = [number, number, number];
export type BackgroundKind = "solid" | "gradient" | "noise";

export function parseHexColor(hex: string): Rgb {
  const value = Number.parseInt(hex.replace(/^#/, ""), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Smaller than this sigma, libvips' blur is a no-op (and sharp refuses it). */
const MIN_BLUR_SIGMA = 0.3;

/**
 * 65,536 standard normal values, fixed for all time (own seed). Pixel noise picks from it with 16-bit
 * halves of one draw: a page has millions of noisy values, and Box–Muller for each took most of the
 * time of rendering it; with this table the noise costs a few milliseconds.
 */
let gaussianTable: Float32Array | undefined;
function normals(): Float32Array {
  if (!gaussianTable) {
    const rng = mulberry32(0x9e3779b9);
    gaussianTable = Float32Array.from({ length: 65536 }, () => rng.gaussian());
  }
  return gaussianTable;
}

/** Adds Gaussian noise of standard deviation `sd`, independently per value, `stride` values sharing one draw. */
function addNoise(pixels: Buffer, sd: number, rng: Prng, stride: 1 | 3): void {
  // Offsets rounded once per image; the clamped view clips to 0…255 on assignment.
  const table = normals();
  const offsets = new Int16Array(table.length);
  for (let i = 0; i < table.length; i++) offsets[i] = Math.round(table[i]! * sd);
  const out = new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length);
  const pair = 2 * stride;
  const whole = out.length - (out.length % pair);
  for (let i = 0; i < whole; i += pair) {
    const r = rng.uint32();
    const a = offsets[r & 0xffff]!;
    const b = offsets[r >>> 16]!;
    for (let c = 0; c < stride; c++) {
      out[i + c] = out[i + c]! + a;
      out[i + stride + c] = out[i + stride + c]! + b;
    }
  }
  if (whole < out.length) {
    const a = offsets[rng.uint32() & 0xffff]!;
    for (let i = whole; i < out.length; i++) out[i] = out[i]! + a;
  }
}

/**
 * An RGB background: one color; a linear gradient from the color to a second one (another of the
 * given colors, or a shade of it) at a random angle; or the color with grey grain, like paper.
 */
export function backgroundPixels(kind: BackgroundKind, width: number, height: number, colors: readonly Rgb[], rng: Prng): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  const base = rng.pick(colors);
  if (kind === "solid") {
    fill(pixels, base);
    return pixels;
  }
  if (kind === "gradient") {
    const others = colors.filter((c) => c !== base);
    const end = others.length > 0 ? rng.pick(others) : shade(base, rng.float(0.12, 0.3));
    const angle = rng.float(0, 2 * Math.PI);
    const [ux, uy] = [Math.cos(angle), Math.sin(angle)];
    // Project each pixel on the direction and stretch the range to [0, 1] over the image.
    const corners = [0, width * ux, height * uy, width * ux + height * uy];
    const lo = Math.min(...corners);
    const span = Math.max(...corners) - lo || 1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const t = (x * ux + y * uy - lo) / span;
        const i = (y * width + x) * 3;
        for (let c = 0; c < 3; c++) pixels[i + c] = Math.round(base[c]! + (end[c]! - base[c]!) * t);
      }
    }
    return pixels;
  }
  // Grey grain: the same offset on the three channels of a pixel, as paper texture looks.
  fill(pixels, base);
  addNoise(pixels, rng.float(6, 16), rng, 3);
  return pixels;
}

/** Darkens light colors and lightens dark ones, so a gradient never runs into the text color's range by itself. */
function shade([r, g, b]: Rgb, amount: number): Rgb {
  const light = 0.299 * r + 0.587 * g + 0.114 * b > 128;
  const mix = (v: number) => Math.round(light ? v * (1 - amount) : v + (255 - v) * amount);
  return [mix(r), mix(g), mix(b)];
}

function fill(pixels: Buffer, color: Rgb): void {
  // One row by hand, then doubling copies: far fewer calls than a set() per pixel.
  if (pixels.length === 0) return;
  pixels.set(color, 0);
  for (let filled = 3; filled < pixels.length; filled *= 2) pixels.copyWithin(filled, 0, Math.min(filled, pixels.length - filled));
}

export interface ComposeOptions {
  width: number;
  height: number;
  /** RGB pixels, width × height × 3. */
  background: Buffer;
  /** A transparent SVG of the same size with the text on it. */
  textLayer: string;
  blurSigma: number;
  /** Standard deviation of per-channel Gaussian noise, in grey levels. */
  noise: number;
  rng: Prng;
}

/** Draws the text over the background, then blurs (the lens) and adds noise (the sensor), as a PNG. */
export async function composeImage(options: ComposeOptions): Promise<Buffer> {
  const { width, height, rng } = options;
  const raw = { width, height, channels: 3 as const };
  let pixels = await sharp(options.background, { raw })
    .composite([{ input: Buffer.from(options.textLayer), top: 0, left: 0 }])
    .removeAlpha()
    .raw()
    .toBuffer();
  if (options.blurSigma >= MIN_BLUR_SIGMA) {
    pixels = await sharp(pixels, { raw }).blur(options.blurSigma).raw().toBuffer();
  }
  if (options.noise > 0) addNoise(pixels, options.noise, rng, 1);
  // Level 3: noisy images compress barely better at 6 (about 8% smaller) but take four times as long.
  return sharp(pixels, { raw }).png({ compressionLevel: 3 }).toBuffer();
}
