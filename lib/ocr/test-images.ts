import { execFileSync } from "node:child_process";
import sharp from "sharp";

// Text images rendered on the fly for tests and benches, so no binary fixtures are committed and
// the expected text and positions are known exactly. Latin text uses DejaVu Sans (present on
// Debian images with fontconfig); Chinese text needs a CJK font, which is not guaranteed: see
// cjkFontFamily().

export interface TextItem {
  text: string;
  x: number;
  /** Baseline y. */
  y: number;
  size: number;
  /** Degrees, about (x, y). */
  rotate?: number;
  weight?: "normal" | "bold";
  /** Defaults to DejaVu Sans. */
  font?: string;
}

const CJK_FONTS = ["Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "AR PL UMing CN"];

/**
 * A font family fontconfig knows for Chinese, or undefined (Debian: `apt-get install
 * fonts-noto-cjk`). Without one librsvg draws boxes or falls back silently, so callers skip.
 */
export function cjkFontFamily(): string | undefined {
  let listed: string;
  try {
    listed = execFileSync("fc-list", [":lang=zh", "family"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return undefined;
  }
  const families = new Set(listed.split("\n").flatMap((l) => l.split(",").map((f) => f.trim())).filter(Boolean));
  return CJK_FONTS.find((f) => families.has(f)) ?? [...families].sort()[0];
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function textSvg(width: number, height: number, items: readonly TextItem[]): string {
  const texts = items
    .map(
      (t) =>
        `<text x="${t.x}" y="${t.y}" font-family="${t.font ?? "DejaVu Sans"}" font-size="${t.size}" font-weight="${t.weight ?? "normal"}" fill="#111"` +
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
