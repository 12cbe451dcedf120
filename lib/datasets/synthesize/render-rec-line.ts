import { backgroundPixels, composeImage, type BackgroundKind, type Rgb } from "./image-effects";
import { measureText, textElement, type TextStyle } from "./measure-text";
import type { Prng } from "./prng";
import { placeText, rotatedHalfExtent } from "./text-layout";

export interface LineLook extends TextStyle {
  color: string;
  /** Degrees, clockwise. */
  angle: number;
}

export interface ImageLook {
  background: BackgroundKind;
  backgroundColors: readonly Rgb[];
  blurSigma: number;
  noise: number;
}

/**
 * One recognition sample: the line alone on a crop with a little room around it, as PaddleOCR's
 * detector would cut it from a page (rec labels describe crops, not pages).
 */
export async function renderRecLine(text: string, look: LineLook, image: ImageLook, rng: Prng): Promise<{ png: Buffer; width: number; height: number }> {
  const ink = await measureText(text, look);
  if (!ink) throw new Error(`nothing to draw for ${JSON.stringify(text)}`);
  const marginX = Math.round(look.fontSize * rng.float(0.15, 0.5));
  const marginY = Math.round(look.fontSize * rng.float(0.1, 0.3));
  const { halfWidth, halfHeight } = rotatedHalfExtent(ink, look.angle, 0);
  const width = Math.ceil(2 * halfWidth) + 2 * marginX;
  const height = Math.ceil(2 * halfHeight) + 2 * marginY;
  const placement = placeText(ink, look.angle, width / 2, height / 2, 0);
  const textLayer =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<g transform="${placement.transform}">${textElement(text, look, look.color)}</g></svg>`;
  const png = await composeImage({
    width,
    height,
    background: backgroundPixels(image.background, width, height, image.backgroundColors, rng),
    textLayer,
    blurSigma: image.blurSigma,
    noise: image.noise,
    rng,
  });
  return { png, width, height };
}
