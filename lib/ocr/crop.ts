import type { Margins, RecognitionRegion } from "./crop-margin";
import { distance, type Point, type Quad } from "./geometry";
import { createBgrImage, rotate90CounterClockwise, type BgrImage } from "./raw-image";

// PaddleOCR's get_rotate_crop_image: warp each detected quad to an upright rectangle.

/** Row-major 3×3 matrix. */
export type Homography = [number, number, number, number, number, number, number, number, number];

/**
 * The projective map sending from[i] to to[i] (4 correspondences, no three collinear), solved
 * as the usual 8×8 linear system with h33 = 1 by Gaussian elimination with partial pivoting.
 */
export function homography(from: readonly Point[], to: readonly Point[]): Homography {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-12) throw new Error("Degenerate quad: no homography");
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const rowC = a[col]!;
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const row = a[r]!;
      const f = row[col]! / rowC[col]!;
      if (f === 0) continue;
      for (let k = col; k < 9; k++) row[k]! -= f * rowC[k]!;
    }
  }
  const h = a.map((row, i) => row[8]! / row[i]!);
  return [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!, 1];
}

export function applyHomography(h: Homography, [x, y]: Point): Point {
  const w = h[6] * x + h[7] * y + h[8];
  return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w];
}

/** Crop size as PaddleOCR computes it: the longer of each pair of opposite edges, truncated. */
export function cropSize(quad: Quad): { width: number; height: number } {
  const [tl, tr, br, bl] = quad;
  return {
    width: Math.max(1, Math.trunc(Math.max(distance(tl, tr), distance(br, bl)))),
    height: Math.max(1, Math.trunc(Math.max(distance(tl, bl), distance(tr, br)))),
  };
}

/**
 * Perspective-warps the quad (clockwise from top-left) to a width×height image. Each output
 * pixel is pulled from the source through the inverse map with bilinear sampling; outside the
 * image the border pixels repeat (cv2's BORDER_REPLICATE) so padding never looks like ink.
 */
export function warpQuad(src: BgrImage, quad: Quad, width: number, height: number): BgrImage {
  const rect: Point[] = [[0, 0], [width, 0], [width, height], [0, height]];
  const h = homography(rect, quad);
  const dst = createBgrImage(width, height);
  const s = src.data;
  const maxX = src.width - 1;
  const maxY = src.height - 1;
  let o = 0;
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const w = h[6] * u + h[7] * v + h[8];
      const fx = Math.min(Math.max((h[0] * u + h[1] * v + h[2]) / w, 0), maxX);
      const fy = Math.min(Math.max((h[3] * u + h[4] * v + h[5]) / w, 0), maxY);
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      const x1 = Math.min(x0 + 1, maxX);
      const y1 = Math.min(y0 + 1, maxY);
      const ax = fx - x0;
      const ay = fy - y0;
      const i00 = (y0 * src.width + x0) * 3;
      const i01 = (y0 * src.width + x1) * 3;
      const i10 = (y1 * src.width + x0) * 3;
      const i11 = (y1 * src.width + x1) * 3;
      for (let c = 0; c < 3; c++) {
        const top = s[i00 + c]! + (s[i01 + c]! - s[i00 + c]!) * ax;
        const bottom = s[i10 + c]! + (s[i11 + c]! - s[i10 + c]!) * ax;
        dst.data[o++] = Math.round(top + (bottom - top) * ay);
      }
    }
  }
  return dst;
}

/**
 * Upright crop of one text line; tall boxes are assumed to be vertical text and turned 90°.
 * `region` is what the recogniser should see (the box plus a margin, see crop-margin.ts): its
 * quad is cut out of the image and the margin it could not take from the image is added in the
 * line's background colour. Whether the line is vertical is decided on the detected box itself,
 * which a margin on every side would make look squarer.
 */
export function cropTextLine(src: BgrImage, quad: Quad, region?: RecognitionRegion): BgrImage {
  const box = cropSize(quad);
  const cut = region?.quad ?? quad;
  const { width, height } = cropSize(cut);
  let crop = warpQuad(src, cut, width, height);
  if (region) crop = padWithBackground(crop, region.fill);
  return box.height / box.width >= 1.5 ? rotate90CounterClockwise(crop) : crop;
}

/** Per-channel median of the outermost pixels: the paper colour around a text line. */
export function borderColour(im: BgrImage): [number, number, number] {
  const hist = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  let n = 0;
  const add = (x: number, y: number) => {
    const i = (y * im.width + x) * 3;
    for (let c = 0; c < 3; c++) hist[c]![im.data[i + c]!]!++;
    n++;
  };
  for (let x = 0; x < im.width; x++) {
    add(x, 0);
    if (im.height > 1) add(x, im.height - 1);
  }
  for (let y = 1; y < im.height - 1; y++) {
    add(0, y);
    if (im.width > 1) add(im.width - 1, y);
  }
  return hist.map((h) => {
    let seen = 0;
    for (let v = 0; v < 256; v++) if ((seen += h[v]!) * 2 >= n) return v;
    return 255;
  }) as [number, number, number];
}

/** The crop extended by whole pixels of its border colour on each side. */
export function padWithBackground(im: BgrImage, fill: Margins): BgrImage {
  const [top, bottom, left, right] = [fill.top, fill.bottom, fill.left, fill.right].map((v) => Math.max(0, Math.round(v)));
  if (!top && !bottom && !left && !right) return im;
  const out = createBgrImage(im.width + left! + right!, im.height + top! + bottom!);
  const colour = borderColour(im);
  for (let i = 0; i < out.data.length; i += 3) out.data.set(colour, i);
  for (let y = 0; y < im.height; y++) {
    out.data.set(im.data.subarray(y * im.width * 3, (y + 1) * im.width * 3), ((y + top!) * out.width + left!) * 3);
  }
  return out;
}
