import { parseImageShape, type OcrParams } from "./params";
import { rotate180, type BgrImage } from "./raw-image";
import { resizeNormPadInto } from "./rec-preprocess";

// tools/infer/predict_cls.py: a 2-class (0° / 180°) classifier that turns upside-down lines
// before recognition. Input is the crop at fixed 48×192, normalised like recognition.

export const CLS_LABELS = ["0", "180"] as const;

export interface TensorOut {
  data: Float32Array;
  dims: readonly number[];
}
/** Runs the classifier model on an NCHW float batch. */
export type RunModel = (data: Float32Array, dims: [number, 3, number, number]) => Promise<TensorOut>;

export interface LineAngle {
  label: (typeof CLS_LABELS)[number];
  score: number;
}

export function clsPreprocessBatch(images: readonly BgrImage[], shape: string): { data: Float32Array; dims: [number, 3, number, number] } {
  const [, h, w] = parseImageShape(shape);
  const block = 3 * h * w;
  const data = new Float32Array(images.length * block);
  images.forEach((im, i) => resizeNormPadInto(im, h, w, data, i * block));
  return { data, dims: [images.length, 3, h, w] };
}

/** Classifies every crop; those read as "180" with more than cls_thresh confidence come back turned. */
export async function classifyAndRotate(
  crops: readonly BgrImage[],
  run: RunModel,
  params: Pick<OcrParams, "cls_image_shape" | "cls_batch_num" | "cls_thresh">,
): Promise<{ crops: BgrImage[]; angles: LineAngle[] }> {
  const out = [...crops];
  const angles: LineAngle[] = [];
  for (let start = 0; start < crops.length; start += params.cls_batch_num) {
    const batch = crops.slice(start, start + params.cls_batch_num);
    const input = clsPreprocessBatch(batch, params.cls_image_shape);
    const result = await run(input.data, input.dims);
    const classes = result.dims[1] ?? CLS_LABELS.length;
    batch.forEach((_, i) => {
      const p0 = result.data[i * classes]!;
      const p1 = result.data[i * classes + 1]!;
      const angle: LineAngle = p1 > p0 ? { label: "180", score: p1 } : { label: "0", score: p0 };
      angles.push(angle);
      if (angle.label === "180" && angle.score > params.cls_thresh) out[start + i] = rotate180(out[start + i]!);
    });
  }
  return { crops: out, angles };
}
