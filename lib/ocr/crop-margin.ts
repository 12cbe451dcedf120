import type { Point, Quad } from "./geometry";

// Context around each line for the recogniser. DB boxes at PaddleOCR's unclip ratio 1.5 hug the
// ink (measured on rendered lines: box height = ink height ± 3 px, ascenders and descenders
// sometimes cut). PP-OCRv4's Chinese recogniser then drops the spaces between Latin words: it was
// trained on crops with room above and below the glyphs, and on a line that fills its whole 48-px
// input it reads word gaps as letter spacing ("EastPocKETcustomer…"). Upstream PaddleOCR has the
// same defect (PaddleOCR#11386, PaddleX#3519; the maintainers' advice is a larger unclip ratio,
// which also grows the boxes users see and reaches into neighbouring lines). Here the reported
// box stays PaddleOCR's and only the pixels handed to the recogniser get a margin: real pixels as
// far as the neighbouring boxes and the image edge allow, the rest in the line's paper colour, so
// dense text does not leak in from the lines above and below and edge pixels are never smeared.

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface RecognitionRegion {
  /** The area to cut out of the image: the box plus the margin its surroundings allow. */
  quad: Quad;
  /** Margin wanted but not available in the image, in pixels, to be added as background. */
  fill: Margins;
}

interface Frame {
  origin: Point;
  /** Unit vector along the top edge (reading direction of a horizontal line). */
  u: Point;
  /** Unit vector along the left edge (downwards). */
  v: Point;
  width: number;
  height: number;
}

function frameOf([tl, tr, , bl]: Quad): Frame {
  const width = Math.hypot(tr[0] - tl[0], tr[1] - tl[1]);
  const height = Math.hypot(bl[0] - tl[0], bl[1] - tl[1]);
  return {
    origin: tl,
    u: width > 0 ? [(tr[0] - tl[0]) / width, (tr[1] - tl[1]) / width] : [1, 0],
    v: height > 0 ? [(bl[0] - tl[0]) / height, (bl[1] - tl[1]) / height] : [0, 1],
    width,
    height,
  };
}

/** How far `p` may move along unit vector `d` before leaving [0, maxX]×[0, maxY]. */
function roomAlong(p: Point, d: Point, maxX: number, maxY: number): number {
  let t = Infinity;
  if (d[0] > 1e-9) t = Math.min(t, (maxX - p[0]) / d[0]);
  if (d[0] < -1e-9) t = Math.min(t, -p[0] / d[0]);
  if (d[1] > 1e-9) t = Math.min(t, (maxY - p[1]) / d[1]);
  if (d[1] < -1e-9) t = Math.min(t, -p[1] / d[1]);
  return Math.max(0, t);
}

/**
 * For each box: the box grown by `ratio` × its short side (the line height, also for vertical
 * text) on every side, cut short where that would enter another box or leave the image, and the
 * shortfall. Corners keep the box's order; ratio 0 gives PaddleOCR's exact crops.
 */
export function recognitionRegions(boxes: readonly Quad[], ratio: number, imageWidth: number, imageHeight: number): RecognitionRegion[] {
  const none: Margins = { top: 0, bottom: 0, left: 0, right: 0 };
  if (ratio <= 0) return boxes.map((b) => ({ quad: b.map((p) => [...p]) as Quad, fill: { ...none } }));
  const maxX = imageWidth - 1;
  const maxY = imageHeight - 1;
  return boxes.map((box, index) => {
    const f = frameOf(box);
    const want = ratio * Math.min(f.width, f.height);
    let top = want, bottom = want, left = want, right = want;
    // A word next to this one needs no paper between them: the recogniser wants room above and
    // below, and paper after a sliver of the neighbour's last letter turns it into a "." or "'".
    let wordLeft = false, wordRight = false;

    // Neighbours, in this box's frame: one mostly level with this box (a word split off the same
    // line) limits the margin on its side; any other box in the way limits it above or below.
    for (let j = 0; j < boxes.length; j++) {
      if (j === index) continue;
      let u0 = Infinity, u1 = -Infinity, v0 = Infinity, v1 = -Infinity;
      for (const p of boxes[j]!) {
        const dx = p[0] - f.origin[0];
        const dy = p[1] - f.origin[1];
        const u = dx * f.u[0] + dy * f.u[1];
        const v = dx * f.v[0] + dy * f.v[1];
        u0 = Math.min(u0, u); u1 = Math.max(u1, u); v0 = Math.min(v0, v); v1 = Math.max(v1, v);
      }
      const rowOverlap = Math.min(v1, f.height) - Math.max(v0, 0);
      if (rowOverlap > 0.5 * Math.min(f.height, v1 - v0)) {
        if (u0 + u1 < f.width) {
          if (-u1 < left) [left, wordLeft] = [Math.max(0, -u1), true];
        } else if (u0 - f.width < right) {
          [right, wordRight] = [Math.max(0, u0 - f.width), true];
        }
      } else if (u1 > -left && u0 < f.width + right) {
        if (v0 + v1 < f.height) top = Math.min(top, Math.max(0, -v1));
        else bottom = Math.min(bottom, Math.max(0, v0 - f.height));
      }
    }

    const [tl, tr, br, bl] = box;
    const neg = (d: Point): Point => [-d[0], -d[1]];
    top = Math.min(top, roomAlong(tl, neg(f.v), maxX, maxY), roomAlong(tr, neg(f.v), maxX, maxY));
    bottom = Math.min(bottom, roomAlong(bl, f.v, maxX, maxY), roomAlong(br, f.v, maxX, maxY));
    left = Math.min(left, roomAlong(tl, neg(f.u), maxX, maxY), roomAlong(bl, neg(f.u), maxX, maxY));
    right = Math.min(right, roomAlong(tr, f.u, maxX, maxY), roomAlong(br, f.u, maxX, maxY));

    const move = (p: Point, du: number, dv: number): Point => [p[0] + du * f.u[0] + dv * f.v[0], p[1] + du * f.u[1] + dv * f.v[1]];
    return {
      quad: [move(tl, -left, -top), move(tr, right, -top), move(br, right, bottom), move(bl, -left, bottom)],
      fill: { top: want - top, bottom: want - bottom, left: wordLeft ? 0 : want - left, right: wordRight ? 0 : want - right },
    };
  });
}
