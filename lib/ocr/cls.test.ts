import { describe, expect, test } from "vitest";
import { classifyAndRotate, type RunModel } from "./cls";
import { createBgrImage } from "./raw-image";

// The decision logic around the classifier (the real model runs in pipeline.test.ts).
describe("classifyAndRotate", () => {
  const params = { cls_image_shape: "3,48,192", cls_batch_num: 2, cls_thresh: 0.9 };
  const line = (marker: number) => {
    const im = createBgrImage(4, 2);
    im.data[0] = marker; // top-left pixel marks orientation
    return im;
  };

  test("turns only lines classified 180 above the threshold, batching by cls_batch_num", async () => {
    const answers = [[0.02, 0.98], [0.95, 0.05], [0.15, 0.85]];
    const batches: number[][] = [];
    let k = 0;
    const run: RunModel = async (_data, dims) => {
      batches.push([...dims]);
      const rows = answers.slice(k, k + dims[0]);
      k += dims[0];
      return { data: new Float32Array(rows.flat()), dims: [dims[0], 2] };
    };
    const { crops, angles } = await classifyAndRotate([line(9), line(9), line(9)], run, params);
    expect(batches).toEqual([[2, 3, 48, 192], [1, 3, 48, 192]]);
    expect(angles.map((a) => a.label)).toEqual(["180", "0", "180"]);
    expect(crops[0]!.data[0]).toBe(0); // rotated: marker moved to the bottom-right
    expect(crops[0]!.data[crops[0]!.data.length - 3]).toBe(9);
    expect(crops[1]!.data[0]).toBe(9);
    expect(crops[2]!.data[0]).toBe(9); // 0.85 ≤ cls_thresh: left as is
  });
});
