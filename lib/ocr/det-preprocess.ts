import type { OcrParams } from "./params";
import { resizeBilinear, type BgrImage } from "./raw-image";

// PaddleOCR's DetResizeForTest (limit types "max"/"min") + NormalizeImage + ToCHWImage.

export interface DetInput {
  /** Float32 NCHW data, N = 1. */
  data: Float32Array;
  /** Tensor shape [1, 3, resizedHeight, resizedWidth]. */
  dims: [1, 3, number, number];
  resizedWidth: number;
  resizedHeight: number;
  /** resized / original, per axis; boxes on the probability map divide by these. */
  ratioW: number;
  ratioH: number;
}

// ImageNet statistics, applied in the image's channel order. PaddleOCR applies them to cv2's BGR
// array, so mean[0] meets the blue channel — reproduced as is because the model was trained so.
const MEAN = [0.485, 0.456, 0.406] as const;
const STD = [0.229, 0.224, 0.225] as const;

/** Python 3's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function detResizeDims(
  width: number,
  height: number,
  limitSideLen: number,
  limitType: OcrParams["det_limit_type"],
): { width: number; height: number } {
  let ratio = 1;
  if (limitType === "max") {
    const longest = Math.max(width, height);
    if (longest > limitSideLen) ratio = limitSideLen / longest;
  } else {
    const shortest = Math.min(width, height);
    if (shortest < limitSideLen) ratio = limitSideLen / shortest;
  }
  // The DB backbone downsamples by 32; other sizes would misalign its feature pyramid.
  const snap = (v: number) => Math.max(roundHalfEven(Math.trunc(v * ratio) / 32) * 32, 32);
  return { width: snap(width), height: snap(height) };
}

export function detPreprocess(
  image: BgrImage,
  params: Pick<OcrParams, "det_limit_side_len" | "det_limit_type">,
): DetInput {
  const { width, height } = detResizeDims(image.width, image.height, params.det_limit_side_len, params.det_limit_type);
  const resized = resizeBilinear(image, width, height);
  const plane = width * height;
  const data = new Float32Array(3 * plane);
  const src = resized.data;
  // Fold scale, mean and std into one multiply-add per value.
  const mul = STD.map((s) => 1 / (255 * s));
  const add = MEAN.map((m, c) => -m / STD[c]!);
  for (let c = 0; c < 3; c++) {
    const m = mul[c]!;
    const a = add[c]!;
    const base = c * plane;
    for (let i = 0; i < plane; i++) data[base + i] = src[i * 3 + c]! * m + a;
  }
  return {
    data,
    dims: [1, 3, height, width],
    resizedWidth: width,
    resizedHeight: height,
    ratioW: width / image.width,
    ratioH: height / image.height,
  };
}
