import sharp from "sharp";
import type { InkBox } from "./text-layout";

export interface TextStyle {
  fontFamily: string;
  /** Pixels. */
  fontSize: number;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A <text> element at (0, 0), the anchor every layout computation refers to. */
export function textElement(text: string, style: TextStyle, fill: string, attributes = ""): string {
  // xml:space keeps the spaces between words exactly as in the label (SVG collapses runs otherwise).
  return `<text x="0" y="0" xml:space="preserve" font-family="${escapeXml(style.fontFamily)}" font-size="${style.fontSize}" fill="${fill}"${attributes}>${escapeXml(text)}</text>`;
}

/**
 * The ink of a line as librsvg draws it (font fallback, kerning and shaping included), found by
 * rendering it alone and scanning the alpha channel: no font metrics API could be as exact, and the
 * boxes in det labels must hug the pixels PaddleOCR will see.
 */
export async function measureText(text: string, style: TextStyle): Promise<InkBox | null> {
  const length = [...text].length;
  // Generous room around the anchor for glyphs that overhang it (italics, accents, descenders).
  let margin = Math.ceil(style.fontSize * 1.5);
  let width = Math.ceil(style.fontSize * 1.3 * length) + 2 * margin;
  for (let attempt = 0; attempt < 3; attempt++) {
    const height = 2 * margin + style.fontSize;
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<g transform="translate(${margin} ${margin + style.fontSize})">${textElement(text, style, "#000")}</g></svg>`;
    const { data, info } = await sharp(Buffer.from(svg)).ensureAlpha().extractChannel(3).raw().toBuffer({ resolveWithObject: true });
    const box = inkBounds(data, info.width, info.height);
    if (!box) return null;
    const touches = box.x0 === 0 || box.y0 === 0 || box.x1 === info.width || box.y1 === info.height;
    if (!touches) return { x0: box.x0 - margin, y0: box.y0 - margin - style.fontSize, x1: box.x1 - margin, y1: box.y1 - margin - style.fontSize };
    // Wider glyphs than guessed: measure again on a larger canvas.
    margin *= 2;
    width = width * 2 + 2 * margin;
  }
  throw new Error(`could not measure the text ${JSON.stringify(text)}`);
}

/** Bounds of the non-transparent pixels of a one-channel alpha image, x1/y1 exclusive; null when empty. */
export function inkBounds(alpha: Uint8Array, width: number, height: number): InkBox | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (alpha[row + x]! > 0) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}
