import sharp from "sharp";

// Text images rendered on the fly for tests and benches, so no binary fixtures are committed and
// the expected text and positions are known exactly. Uses DejaVu Sans (present on Debian images
// with fontconfig); Latin only, since no CJK font is guaranteed.

export interface TextItem {
  text: string;
  x: number;
  /** Baseline y. */
  y: number;
  size: number;
  /** Degrees, about (x, y). */
  rotate?: number;
  weight?: "normal" | "bold";
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function textSvg(width: number, height: number, items: readonly TextItem[]): string {
  const texts = items
    .map(
      (t) =>
        `<text x="${t.x}" y="${t.y}" font-family="DejaVu Sans" font-size="${t.size}" font-weight="${t.weight ?? "normal"}" fill="#111"` +
        (t.rotate ? ` transform="rotate(${t.rotate} ${t.x} ${t.y})"` : "") +
        `>${escapeXml(t.text)}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${texts}</svg>`;
}

export async function renderTextPng(width: number, height: number, items: readonly TextItem[]): Promise<Buffer> {
  return sharp(Buffer.from(textSvg(width, height, items))).png().toBuffer();
}

/** A 1280×720 page-like image: a title, a paragraph of lines and a two-column table of figures. */
export async function renderDocumentPng(): Promise<Buffer> {
  const items: TextItem[] = [{ text: "QUARTERLY REPORT 2026", x: 80, y: 90, size: 40, weight: "bold" }];
  const paragraph = [
    "Revenue grew in every region during the third quarter.",
    "Shipping costs fell after the new warehouse opened in March.",
    "The board approved a dividend of 42 cents per share.",
    "Customer support answered most tickets within one hour.",
  ];
  paragraph.forEach((text, i) => items.push({ text, x: 80, y: 170 + i * 44, size: 26 }));
  const rows: [string, string][] = [
    ["Invoices sent", "18,204"],
    ["Orders shipped", "96,551"],
    ["Returns", "1,337"],
    ["Net margin", "12.5%"],
  ];
  rows.forEach(([label, value], i) => {
    items.push({ text: label, x: 80, y: 400 + i * 50, size: 28 });
    items.push({ text: value, x: 720, y: 400 + i * 50, size: 28 });
  });
  items.push({ text: "Page 3 of 12", x: 1060, y: 680, size: 22 });
  return renderTextPng(1280, 720, items);
}
