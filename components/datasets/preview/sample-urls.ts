import type { SampleSplit } from "@/lib/datasets/preview/preview-schemas";

// The preview's API addresses, in one place for the gallery, the dialog and the tests.

/** Samples per gallery page: a few rows of tiles on a wide screen. */
export const GALLERY_PAGE_SIZE = 24;

export function sampleImageUrl(datasetName: string, imagePath: string, size: "thumb" | "full"): string {
  const query = new URLSearchParams({ path: imagePath, ...(size === "thumb" ? { size } : {}) });
  return `/api/v1/datasets/${encodeURIComponent(datasetName)}/samples/image?${query}`;
}

export function samplesUrl(datasetName: string, { split, q, cursor, limit }: { split: SampleSplit; q: string; cursor?: string | null; limit: number }): string {
  const query = new URLSearchParams({ split, limit: String(limit), ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) });
  return `/api/v1/datasets/${encodeURIComponent(datasetName)}/samples?${query}`;
}

/** How a character shows in a chart or list: visible stand-ins for the space and other blanks. */
export function visibleCharacter(char: string): string {
  if (char === " ") return "␣";
  if (char === "\u3000") return "␣(全角)";
  return char;
}
