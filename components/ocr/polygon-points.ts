// Pure geometry for drawing OCR quads; kept free of React so it is unit-testable in Node.

/** A corner as the OCR API returns it: integer pixels in the oriented image. */
export type BoxPoint = readonly [number, number];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** SVG `points` attribute for a polygon: "x1,y1 x2,y2 …". */
export function quadToPoints(box: readonly BoxPoint[]): string {
  return box.map(([x, y]) => `${x},${y}`).join(" ");
}

/** Axis-aligned rectangle enclosing every corner; a zero rect for an empty box. */
export function boundingBox(box: readonly BoxPoint[]): Rect {
  if (box.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of box) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Compact human-readable corners for tables, e.g. "(10,20) (90,20) (90,40) (10,40)". */
export function formatBox(box: readonly BoxPoint[]): string {
  return box.map(([x, y]) => `(${Math.round(x)},${Math.round(y)})`).join(" ");
}
