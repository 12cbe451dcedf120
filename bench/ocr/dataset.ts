import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp, { type Sharp } from "sharp";

// The evaluation set, generated deterministically from a seed: single text lines and a few
// multi-line pages, rendered with sharp from SVG (as lib/ocr/test-images.ts does) in the fonts
// installed here, so the truth is known exactly and nothing binary is committed. Chinese lines
// are included only when fontconfig knows a CJK font.

export type Script = "latin" | "cjk";
export type ItemKind = "line" | "page";

export interface BenchItemMeta {
  id: string;
  kind: ItemKind;
  /** cjk when the item contains any Chinese text. */
  script: Script;
  /** What the generator drew (words, price, date, …), for breakdowns. */
  category: string;
  font: string;
  size: number;
  rotate: number;
  noise: number;
  blur: number;
  inverted: boolean;
  width: number;
  height: number;
  /** Truth, one entry per text line in reading order (top to bottom). */
  lines: string[];
  /** PNG file name inside the dataset folder. */
  file: string;
}

export interface BenchItem extends BenchItemMeta {
  png: Buffer;
}

export interface DatasetManifest {
  seed: number;
  latinFonts: string[];
  cjkFonts: string[];
  scripts: Script[];
  items: BenchItemMeta[];
}

export interface DatasetOptions {
  seed: number;
  lineCount: number;
  pageCount: number;
}

export const DEFAULT_DATASET: DatasetOptions = { seed: 20260514, lineCount: 120, pageCount: 10 };

// ── seeded randomness ──────────────────────────────────────────────────────────────────────────

/** mulberry32: tiny, fast and good enough to pick words and colours reproducibly. */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chance = (p: number) => next() < p;
  const range = (lo: number, hi: number) => lo + next() * (hi - lo);
  return { next, int, pick, chance, range };
}
export type Rng = ReturnType<typeof createRng>;

// ── fonts ──────────────────────────────────────────────────────────────────────────────────────

const LATIN_FONT_CANDIDATES = ["DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono", "Liberation Sans", "Liberation Serif", "Liberation Mono"];
const CJK_FONT_PREFERENCE = ["Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Source Han Sans SC", "AR PL UMing CN"];

function fcFamilies(args: string[]): Set<string> {
  try {
    const out = execFileSync("fc-list", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return new Set(out.split("\n").flatMap((l) => l.split(",").map((f) => f.trim())).filter((f) => f.length > 0));
  } catch {
    return new Set();
  }
}

export function detectFonts(): { latin: string[]; cjk: string[] } {
  const all = fcFamilies([":", "family"]);
  const latin = LATIN_FONT_CANDIDATES.filter((f) => all.has(f));
  const zh = fcFamilies([":lang=zh", "family"]);
  let cjk = CJK_FONT_PREFERENCE.filter((f) => zh.has(f));
  if (cjk.length === 0 && zh.size > 0) cjk = [[...zh].sort()[0]!];
  // librsvg falls back to *some* font, but without fontconfig the truth could not be trusted anyway.
  return { latin: latin.length > 0 ? latin : ["DejaVu Sans"], cjk: cjk.slice(0, 2) };
}

// ── text ───────────────────────────────────────────────────────────────────────────────────────

const WORDS = (
  "account address after again amount answer apply april august balance bank battery before below " +
  "billing board bottle branch bread bridge budget cable camera card cash change check city client " +
  "coffee company contact copper country credit customer daily delivery deposit design desk discount " +
  "document dollar driver east energy engine estimate event express family field filter final floor " +
  "forest freight garden glass green ground harbor health history hotel house income invoice island " +
  "journal kitchen label ladder language letter level license limit market meeting member method " +
  "minute model monday morning mountain network number object office order owner paper parcel " +
  "partner payment people period phone plant pocket policy portal print product quality quarter " +
  "receipt record region report result river route safety salary sample school season second " +
  "service shipping signal silver station status steel store street summer supply system table " +
  "ticket total tower traffic train transfer travel update urgent value vendor village volume " +
  "warehouse water weekly window winter yellow"
).split(" ");

const LABELS = ["Total", "Subtotal", "Amount", "Price", "Balance", "Tax", "Paid", "Due", "Fee", "Deposit"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const ZH_PHRASES = [
  "欢迎光临", "发票号码", "合计金额", "人民币", "收款单位", "开户银行", "联系电话", "办公地址",
  "营业执照", "统一社会信用代码", "销售清单", "商品名称", "规格型号", "数量单价", "备注说明",
  "谢谢惠顾", "会员积分", "支付方式", "现金支付", "微信支付", "退换货须知", "请妥善保管小票",
  "北京市朝阳区", "上海市浦东新区", "广州市天河区", "深圳市南山区", "杭州市西湖区",
  "季度财务报告", "营业收入增长", "物流成本下降", "新仓库已投入使用", "董事会批准分红",
  "客户服务中心", "工作日营业时间", "温馨提示", "禁止吸烟", "安全出口", "会议室预订",
  "快递单号", "收件人姓名", "寄件人地址", "订单已发货", "预计送达时间", "产品质量合格证",
];

function capitalize(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

function words(rng: Rng, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = rng.pick(WORDS);
    out.push(i === 0 || rng.chance(0.12) ? capitalize(w) : rng.chance(0.04) ? w.toUpperCase() : w);
  }
  return out.join(" ");
}

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function price(rng: Rng, currency = "$"): string {
  const whole = rng.chance(0.3) ? rng.int(1000, 99999) : rng.int(1, 999);
  return `${currency}${thousands(whole)}.${String(rng.int(0, 99)).padStart(2, "0")}`;
}

function date(rng: Rng): string {
  const y = rng.int(2019, 2027);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  const pad = (v: number) => String(v).padStart(2, "0");
  switch (rng.int(0, 3)) {
    case 0:
      return `${y}-${pad(m)}-${pad(d)}`;
    case 1:
      return `${pad(d)}/${pad(m)}/${y}`;
    case 2:
      return `${MONTHS[m - 1]} ${d}, ${y}`;
    default:
      return `${y}-${pad(m)}-${pad(d)} ${pad(rng.int(0, 23))}:${pad(rng.int(0, 59))}`;
  }
}

function numberLine(rng: Rng): string {
  switch (rng.int(0, 4)) {
    case 0:
      return `Order #${rng.int(10000, 999999)}`;
    case 1:
      return `Qty ${rng.int(1, 250)} x ${rng.int(2, 48)}`;
    case 2:
      return `${rng.int(100, 9999)}-${rng.int(100, 999)}-${rng.int(1000, 9999)}`;
    case 3:
      return `+1 ${rng.int(200, 989)} ${rng.int(200, 999)} ${rng.int(1000, 9999)}`;
    default:
      return thousands(rng.int(1000, 9999999));
  }
}

function zhLine(rng: Rng): { text: string; category: string } {
  switch (rng.int(0, 3)) {
    case 0:
      return { text: rng.pick(ZH_PHRASES), category: "zh" };
    case 1:
      return { text: `${rng.pick(ZH_PHRASES)}${rng.pick(ZH_PHRASES)}`, category: "zh" };
    case 2:
      return { text: `${rng.pick(["合计", "金额", "单价", "实收", "找零"])}：¥${rng.int(1, 9999)}.${String(rng.int(0, 99)).padStart(2, "0")}`, category: "zh+price" };
    default:
      return { text: `${rng.pick(["日期", "开票日期", "发货日期"])}：${rng.int(2019, 2027)}年${rng.int(1, 12)}月${rng.int(1, 28)}日`, category: "zh+date" };
  }
}

function latinLine(rng: Rng): { text: string; category: string } {
  const r = rng.next();
  if (r < 0.45) return { text: words(rng, rng.int(1, 6)), category: "words" };
  if (r < 0.65) return { text: numberLine(rng), category: "numbers" };
  if (r < 0.85) return { text: rng.chance(0.5) ? `${rng.pick(LABELS)}: ${price(rng)}` : price(rng), category: "price" };
  return { text: rng.chance(0.4) ? `${rng.pick(["Date", "Due", "Issued", "Shipped"])} ${date(rng)}` : date(rng), category: "date" };
}

function sentence(rng: Rng, maxWidth: number, size: number): string {
  let text = "";
  for (let guard = 0; guard < 40; guard++) {
    const r = rng.next();
    const token = r < 0.8 ? rng.pick(WORDS) : r < 0.88 ? price(rng) : r < 0.94 ? String(rng.int(2, 9999)) : date(rng);
    const next = text ? `${text} ${token}` : capitalize(token);
    if (estimateWidth(next, size) > maxWidth) break;
    text = next;
  }
  return text;
}

function zhSentence(rng: Rng, maxWidth: number, size: number): string {
  let text = "";
  for (let guard = 0; guard < 20; guard++) {
    const token = rng.chance(0.85) ? rng.pick(ZH_PHRASES) : `${rng.int(2, 999)}${rng.pick(["元", "件", "号", "天"])}`;
    const next = text ? `${text}${rng.chance(0.3) ? "，" : ""}${token}` : token;
    if (estimateWidth(next, size) > maxWidth) break;
    text = next;
  }
  return text;
}

/** Generous width estimate in px (bold, caps and digits included), used to size canvases. */
export function estimateWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x2e80) em += 1.05;
    else if (ch === " ") em += 0.36;
    else if (/[a-z]/.test(ch)) em += 0.64;
    else em += 0.8;
  }
  return em * size * 1.08;
}

// ── rendering ──────────────────────────────────────────────────────────────────────────────────

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function hex(rgb: readonly [number, number, number]): string {
  return `#${rgb.map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, "0")).join("")}`;
}

interface Style {
  fg: [number, number, number];
  bg: [number, number, number];
  inverted: boolean;
}

function pickStyle(rng: Rng, allowInverted: boolean): Style {
  if (allowInverted && rng.chance(0.12)) {
    return { fg: [rng.int(225, 255), rng.int(225, 255), rng.int(215, 255)], bg: [rng.int(10, 60), rng.int(20, 70), rng.int(40, 110)], inverted: true };
  }
  const dark = rng.pick<[number, number, number]>([
    [17, 17, 17],
    [40, 40, 40],
    [20, 30, 90],
    [110, 20, 20],
    [10, 70, 40],
    [70, 70, 80],
  ]);
  const bg = rng.pick<[number, number, number]>([
    [255, 255, 255],
    [250, 248, 240],
    [240, 244, 250],
    [255, 250, 215],
    [232, 232, 232],
    [245, 235, 225],
  ]);
  return { fg: dark, bg, inverted: false };
}

/** Adds uniform noise of ±amplitude per channel (seeded), then an optional Gaussian blur. */
async function degrade(rgb: Buffer, width: number, height: number, rng: Rng, amplitude: number, blur: number): Promise<Buffer> {
  const out = Buffer.from(rgb);
  if (amplitude > 0) {
    for (let i = 0; i < out.length; i++) {
      out[i] = Math.max(0, Math.min(255, out[i]! + Math.round((rng.next() * 2 - 1) * amplitude)));
    }
  }
  let img = sharp(out, { raw: { width, height, channels: 3 } });
  if (blur >= 0.3) img = img.blur(blur);
  return img.png({ compressionLevel: 6 }).toBuffer();
}

async function toRgb(input: Sharp): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await input.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function renderLine(rng: Rng, id: string, text: string, category: string, script: Script, font: string): Promise<BenchItem> {
  const size = rng.int(16, 44);
  const bold = rng.chance(0.2);
  const rotate = rng.chance(0.5) ? 0 : Math.round(rng.range(-3, 3) * 10) / 10;
  const style = pickStyle(rng, true);
  const noise = rng.chance(0.4) ? rng.int(6, 18) : 0;
  const blur = rng.chance(0.3) ? Math.round(rng.range(0.4, 1.0) * 100) / 100 : 0;

  const estW = estimateWidth(text, size);
  const w = Math.ceil(estW * 1.3 + size * 4);
  const h = Math.ceil(size * 4 + estW * 0.06);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="${hex(style.bg)}"/>` +
    `<g transform="rotate(${rotate} ${w / 2} ${h / 2})"><text x="${w / 2}" y="${h / 2 + size * 0.35}" text-anchor="middle" font-family="${font}" font-size="${size}" font-weight="${bold ? "bold" : "normal"}" fill="${hex(style.fg)}">${escapeXml(text)}</text></g></svg>`;
  const trimmed = await sharp(Buffer.from(svg)).flatten({ background: hex(style.bg) }).trim({ background: hex(style.bg), threshold: 12 }).png().toBuffer();
  const pad = () => rng.int(Math.round(size * 0.25), Math.round(size * 0.9) + 4);
  const framed = await toRgb(sharp(trimmed).extend({ top: pad(), bottom: pad(), left: pad(), right: pad(), background: hex(style.bg) }));
  const png = await degrade(framed.data, framed.width, framed.height, rng, noise, blur);
  return {
    id,
    kind: "line",
    script,
    category,
    font: bold ? `${font} Bold` : font,
    size,
    rotate,
    noise,
    blur,
    inverted: style.inverted,
    width: framed.width,
    height: framed.height,
    lines: [text],
    file: `${id}.png`,
    png,
  };
}

async function renderPage(rng: Rng, id: string, script: Script, font: string): Promise<BenchItem> {
  const width = rng.int(900, 1280);
  const margin = 70;
  const size = rng.int(20, 30);
  const gap = Math.round(size * rng.range(1.7, 2.2));
  const count = rng.int(6, 9);
  const style = pickStyle(rng, false);
  const rotate = rng.chance(0.4) ? Math.round(rng.range(-1.5, 1.5) * 10) / 10 : 0;
  const noise = rng.chance(0.3) ? rng.int(4, 12) : 0;
  const blur = rng.chance(0.2) ? 0.5 : 0;
  const maxWidth = width - 2 * margin;
  const lines: string[] = [];
  const titleSize = Math.round(size * 1.4);
  lines.push(script === "cjk" ? zhSentence(rng, maxWidth * 0.6, titleSize) : words(rng, rng.int(2, 4)).toUpperCase());
  for (let i = 0; i < count; i++) {
    const mixedLatin = script === "cjk" && rng.chance(0.25);
    lines.push(script === "cjk" && !mixedLatin ? zhSentence(rng, maxWidth, size) : sentence(rng, maxWidth, size));
  }
  const lineFont = (i: number) => (script === "cjk" && !/[\u2e80-\u9fff]/u.test(lines[i]!) ? "DejaVu Sans" : font);
  const height = margin * 2 + titleSize + gap * (count + 0.5);
  let y = margin + titleSize;
  const texts = lines.map((text, i) => {
    const s = i === 0 ? titleSize : size;
    const el = `<text x="${margin}" y="${y}" font-family="${lineFont(i)}" font-size="${s}" font-weight="${i === 0 ? "bold" : "normal"}" fill="${hex(style.fg)}">${escapeXml(text)}</text>`;
    y += i === 0 ? Math.round(gap * 1.3) : gap;
    return el;
  });
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.ceil(height)}"><rect width="100%" height="100%" fill="${hex(style.bg)}"/>` +
    `<g transform="rotate(${rotate} ${width / 2} ${height / 2})">${texts.join("")}</g></svg>`;
  const rgb = await toRgb(sharp(Buffer.from(svg)).flatten({ background: hex(style.bg) }));
  const png = await degrade(rgb.data, rgb.width, rgb.height, rng, noise, blur);
  return {
    id,
    kind: "page",
    script,
    category: script === "cjk" ? "zh page" : "page",
    font,
    size,
    rotate,
    noise,
    blur,
    inverted: false,
    width: rgb.width,
    height: rgb.height,
    lines,
    file: `${id}.png`,
    png,
  };
}

export interface Dataset {
  seed: number;
  latinFonts: string[];
  cjkFonts: string[];
  scripts: Script[];
  items: BenchItem[];
}

export async function generateDataset(options: DatasetOptions = DEFAULT_DATASET): Promise<Dataset> {
  const fonts = detectFonts();
  const rng = createRng(options.seed);
  const hasCjk = fonts.cjk.length > 0;
  const items: BenchItem[] = [];
  for (let i = 0; i < options.lineCount; i++) {
    const id = `line-${String(i).padStart(3, "0")}`;
    // One in four lines is Chinese when a CJK font exists; the draw happens either way so the
    // Latin lines stay the same whether or not CJK fonts are installed.
    const wantsCjk = rng.chance(0.25);
    if (hasCjk && wantsCjk) {
      const { text, category } = zhLine(rng);
      items.push(await renderLine(rng, id, text, category, "cjk", rng.pick(fonts.cjk)));
    } else {
      const { text, category } = latinLine(rng);
      items.push(await renderLine(rng, id, text, category, "latin", rng.pick(fonts.latin)));
    }
  }
  for (let i = 0; i < options.pageCount; i++) {
    const id = `page-${String(i).padStart(2, "0")}`;
    const script: Script = hasCjk && i % 3 === 2 ? "cjk" : "latin";
    items.push(await renderPage(rng, id, script, script === "cjk" ? rng.pick(fonts.cjk) : rng.pick(fonts.latin)));
  }
  return { seed: options.seed, latinFonts: fonts.latin, cjkFonts: fonts.cjk, scripts: hasCjk ? ["latin", "cjk"] : ["latin"], items };
}

export async function writeDataset(dir: string, dataset: Dataset): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all(dataset.items.map((item) => writeFile(path.join(dir, item.file), item.png)));
  const manifest: DatasetManifest = {
    seed: dataset.seed,
    latinFonts: dataset.latinFonts,
    cjkFonts: dataset.cjkFonts,
    scripts: dataset.scripts,
    items: dataset.items.map((item) => {
      const { png, ...meta } = item;
      void png;
      return meta;
    }),
  };
  await writeFile(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 1));
}

export async function readDataset(dir: string): Promise<{ manifest: DatasetManifest; images: Buffer[] }> {
  const manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8")) as DatasetManifest;
  const images = await Promise.all(manifest.items.map((item) => readFile(path.join(dir, item.file))));
  return { manifest, images };
}
