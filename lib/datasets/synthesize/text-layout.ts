// Geometry of a rotated text line, kept apart from rendering so it can be checked with numbers.
// Coordinates are SVG's: x right, y down, angles in degrees clockwise (SVG rotate()).

/** Where the ink of a line lies, relative to its anchor (x = start of the text, y = baseline). */
export interface InkBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type Point = [number, number];

export interface TextPlacement {
  /** SVG transform for a <text x="0" y="0"> element. */
  transform: string;
  /** The padded ink rectangle after rotation, clockwise from the text's top-left corner, in whole pixels. */
  quad: [Point, Point, Point, Point];
  /** Axis-aligned bounds of the quad. */
  bounds: { left: number; top: number; right: number; bottom: number };
}

/** Half width and half height of the axis-aligned box around the padded ink after rotating it. */
export function rotatedHalfExtent(ink: InkBox, angle: number, pad: number): { halfWidth: number; halfHeight: number } {
  const w = ink.x1 - ink.x0 + 2 * pad;
  const h = ink.y1 - ink.y0 + 2 * pad;
  const rad = (angle * Math.PI) / 180;
  const cos = Math.abs(Math.cos(rad));
  const sin = Math.abs(Math.sin(rad));
  return { halfWidth: (w * cos + h * sin) / 2, halfHeight: (w * sin + h * cos) / 2 };
}

/** Puts the ink's centre at (cx, cy), turned by `angle` about that centre. */
export function placeText(ink: InkBox, angle: number, cx: number, cy: number, pad: number): TextPlacement {
  const icx = (ink.x0 + ink.x1) / 2;
  const icy = (ink.y0 + ink.y1) / 2;
  const rad = (angle * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const map = (x: number, y: number): Point => {
    const dx = x - icx;
    const dy = y - icy;
    return [Math.round(cx + dx * cos - dy * sin), Math.round(cy + dx * sin + dy * cos)];
  };
  const quad: TextPlacement["quad"] = [
    map(ink.x0 - pad, ink.y0 - pad),
    map(ink.x1 + pad, ink.y0 - pad),
    map(ink.x1 + pad, ink.y1 + pad),
    map(ink.x0 - pad, ink.y1 + pad),
  ];
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  return {
    transform: `translate(${fmt(cx)} ${fmt(cy)}) rotate(${fmt(angle)}) translate(${fmt(-icx)} ${fmt(-icy)})`,
    quad,
    bounds: { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) },
  };
}

/** Numbers in SVG text with a fixed precision, so the same plan always writes the same bytes. */
export function fmt(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
