import type { HistogramBin } from "./types";

// 25 is PaddleOCR's default max_text_length: the bins above it show how many labels training would drop.
const TEXT_LENGTH_BINS: Array<[number, number | null]> = [[0, 0], [1, 5], [6, 10], [11, 25], [26, 50], [51, 100], [101, null]];
const BOXES_PER_IMAGE_BINS: Array<[number, number | null]> = [[0, 0], [1, 1], [2, 5], [6, 10], [11, 20], [21, 50], [51, 100], [101, null]];

export class Histogram {
  private readonly bins: HistogramBin[];

  constructor(bounds: Array<[number, number | null]>) {
    this.bins = bounds.map(([min, max]) => ({ min, max, count: 0 }));
  }

  add(value: number): void {
    const bin = this.bins.find((b) => value >= b.min && (b.max === null || value <= b.max));
    if (bin) bin.count++;
  }

  toJSON(): HistogramBin[] {
    return this.bins.map((b) => ({ ...b }));
  }
}

/** Distributions the report shows; memory grows with distinct characters and sizes, never with lines. */
export class LabelStats {
  readonly boxesPerImage = new Histogram(BOXES_PER_IMAGE_BINS);
  readonly textLength = new Histogram(TEXT_LENGTH_BINS);
  private readonly chars = new Map<string, number>();
  private readonly sizes = new Map<string, { w: number; h: number; count: number }>();

  addText(text: string): void {
    let length = 0;
    for (const char of text) {
      length++;
      this.chars.set(char, (this.chars.get(char) ?? 0) + 1);
    }
    this.textLength.add(length);
  }

  addImageSize(w: number, h: number): void {
    const key = `${w}x${h}`;
    const size = this.sizes.get(key);
    if (size) size.count++;
    else this.sizes.set(key, { w, h, count: 1 });
  }

  charFrequency(top = 100): Array<{ char: string; count: number }> {
    return [...this.chars]
      .map(([char, count]) => ({ char, count }))
      .sort((a, b) => b.count - a.count || (a.char < b.char ? -1 : 1))
      .slice(0, top);
  }

  imageSizes(top = 50): Array<{ w: number; h: number; count: number }> {
    return [...this.sizes.values()].sort((a, b) => b.count - a.count || a.w - b.w || a.h - b.h).slice(0, top).map((s) => ({ ...s }));
  }
}
