import { backgroundPixels, composeImage } from "./image-effects";
import { measureText, textElement } from "./measure-text";
import type { Prng } from "./prng";
import type { ImageLook, LineLook } from "./render-rec-line";
import { placeText, rotatedHalfExtent, type Point } from "./text-layout";

export interface PageLine {
  text: string;
  look: LineLook;
}

export interface PageBox {
  transcription: string;
  points: Point[];
}

/** Tries per line before giving up on it: a crowded page simply gets fewer lines. */
const PLACEMENT_TRIES = 40;

/**
 * One detection sample: a page with lines scattered over it, none overlapping, each with the
 * quadrilateral around its ink (ICDAR 2015 style, clockwise from the text's top-left) as its label.
 */
export async function renderDetPage(
  lines: readonly PageLine[],
  page: { width: number; height: number },
  image: ImageLook,
  rng: Prng,
): Promise<{ png: Buffer; boxes: PageBox[] }> {
  const { width, height } = page;
  const margin = 4;
  const placed: Array<{ left: number; top: number; right: number; bottom: number }> = [];
  const groups: string[] = [];
  const boxes: PageBox[] = [];

  for (const line of lines) {
    const ink = await measureText(line.text, line.look);
    if (!ink) continue;
    // A few pixels of room, as annotators draw them; the detector's own boxes have a similar margin.
    const pad = Math.max(2, Math.round(line.look.fontSize * 0.08));
    const gap = Math.round(line.look.fontSize * 0.3);
    const { halfWidth, halfHeight } = rotatedHalfExtent(ink, line.look.angle, pad);
    const [minX, maxX] = [halfWidth + margin, width - halfWidth - margin];
    const [minY, maxY] = [halfHeight + margin, height - halfHeight - margin];
    if (minX > maxX || minY > maxY) continue;
    for (let attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
      const placement = placeText(ink, line.look.angle, rng.float(minX, maxX), rng.float(minY, maxY), pad);
      const b = placement.bounds;
      const overlaps = placed.some((o) => b.left < o.right + gap && o.left < b.right + gap && b.top < o.bottom + gap && o.top < b.bottom + gap);
      if (overlaps) continue;
      placed.push(b);
      groups.push(`<g transform="${placement.transform}">${textElement(line.text, line.look, line.look.color)}</g>`);
      boxes.push({ transcription: line.text, points: placement.quad });
      break;
    }
  }

  const textLayer = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${groups.join("")}</svg>`;
  const png = await composeImage({
    width,
    height,
    background: backgroundPixels(image.background, width, height, image.backgroundColors, rng),
    textLayer,
    blurSigma: image.blurSigma,
    noise: image.noise,
    rng,
  });
  return { png, boxes };
}
