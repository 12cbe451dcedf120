import { describe, expect, test } from "vitest";
import { DEFAULT_OCR_PARAMS, parseImageShape, parseOcrOverrides, parseOcrParams, resolveOcrParams } from "./params";

describe("params", () => {
  test("PaddleOCR's defaults (rec_batch_num measured, see params.ts)", () => {
    expect(DEFAULT_OCR_PARAMS).toMatchObject({
      det_limit_side_len: 960,
      det_limit_type: "max",
      det_db_thresh: 0.3,
      det_db_box_thresh: 0.6,
      det_db_unclip_ratio: 1.5,
      det_db_max_candidates: 1000,
      rec_image_shape: "3,48,320",
      use_space_char: true,
      use_cls: false,
      cls_thresh: 0.9,
      drop_score: 0.5,
    });
  });

  test("the recognition margin (not a PaddleOCR parameter) is on by default; 0 gives PaddleOCR's crops", () => {
    expect(DEFAULT_OCR_PARAMS.rec_crop_margin).toBe(0.25);
    expect(parseOcrOverrides({ rec_crop_margin: 0 })).toEqual({ rec_crop_margin: 0 });
    expect(() => parseOcrOverrides({ rec_crop_margin: 2 })).toThrow();
  });

  test("validates overrides and refuses unknown names", () => {
    expect(parseOcrParams({ det_db_box_thresh: 0.5 })).toEqual({ det_db_box_thresh: 0.5 });
    expect(() => parseOcrParams({ det_db_box_thresh: 2 })).toThrow();
    expect(() => parseOcrParams({ det_db_boxthresh: 0.5 })).toThrow();
    expect(() => parseOcrParams({ rec_image_shape: "1,48" })).toThrow();
  });

  test("accepts PaddleOCR's use_angle_cls as use_cls", () => {
    expect(parseOcrParams({ use_angle_cls: true })).toEqual({ use_cls: true });
  });

  test("requests cannot change model-bound parameters", () => {
    expect(() => parseOcrOverrides({ rec_image_shape: "3,32,320" })).toThrow();
    expect(parseOcrOverrides({ drop_score: 0.1 })).toEqual({ drop_score: 0.1 });
  });

  test("later layers win; undefined leaves the earlier value", () => {
    const p = resolveOcrParams({ drop_score: 0.3, det_db_thresh: 0.2 }, { drop_score: 0.7, det_db_thresh: undefined });
    expect([p.drop_score, p.det_db_thresh, p.det_limit_side_len]).toEqual([0.7, 0.2, 960]);
    expect(parseImageShape("3, 48, 320")).toEqual([3, 48, 320]);
  });
});
