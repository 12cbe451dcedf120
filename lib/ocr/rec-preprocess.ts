import { resizeBilinear, type BgrImage } from "./raw-image";

// tools/infer/predict_rec.py resize_norm_img (the CTC models' path): keep the aspect ratio at
// the model's fixed height, normalise to [-1, 1], right-pad with zeros to the batch width.

/**
 * Writes one image, resized to `height` and at most `width`, into a CHW float block of
 * 3×height×width at `offset`; the unused right part stays 0 (callers pass a zeroed buffer).
 */
export function resizeNormPadInto(image: BgrImage, height: number, width: number, out: Float32Array, offset: number): void {
  const ratio = image.width / image.height;
  const resizedW = Math.max(1, Math.min(Math.ceil(height * ratio), width));
  const resized = resizeBilinear(image, resizedW, height);
  const plane = height * width;
  const src = resized.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < resizedW; x++) {
      const si = (y * resizedW + x) * 3;
      const di = offset + y * width + x;
      // (v / 255 - 0.5) / 0.5
      out[di] = src[si]! / 127.5 - 1;
      out[di + plane] = src[si + 1]! / 127.5 - 1;
      out[di + 2 * plane] = src[si + 2]! / 127.5 - 1;
    }
  }
}

/**
 * Width a batch is padded to: the widest aspect ratio in it at the model height, never less than
 * the configured base width (320 for PP-OCRv4, PaddleOCR's starting max_wh_ratio). Rounded up,
 * where PaddleOCR truncates, so the widest line (resized to ceil(h × ratio)) is never squeezed
 * by a pixel; the difference is at most one zero column.
 */
export function recBatchWidth(images: readonly BgrImage[], height: number, baseWidth: number): number {
  let maxRatio = baseWidth / height;
  for (const im of images) maxRatio = Math.max(maxRatio, im.width / im.height);
  return Math.ceil(height * maxRatio);
}

export interface RecBatch {
  data: Float32Array;
  dims: [number, 3, number, number];
}

export function recPreprocessBatch(images: readonly BgrImage[], height: number, baseWidth: number): RecBatch {
  const width = recBatchWidth(images, height, baseWidth);
  const block = 3 * height * width;
  const data = new Float32Array(images.length * block);
  images.forEach((im, i) => resizeNormPadInto(im, height, width, data, i * block));
  return { data, dims: [images.length, 3, height, width] };
}
