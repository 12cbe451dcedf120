import { describe, expect, it } from "vitest";
import { PaddleOcrMetricsTracker, parsePaddleOcrLogLine } from "./log-metrics";

// Lines as PaddleOCR prints them (tools/program.py, ppocr/utils/logging.py), old and new releases.
const TRAIN =
  "[2024/01/01 12:00:00] ppocr INFO: epoch: [1/500], global_step: 10, lr: 0.001000, loss: 2.345000, loss_shrink_maps: 1.290000, loss_threshold_maps: 0.820000, loss_binary_maps: 0.235000, avg_reader_cost: 0.01234 s, avg_batch_cost: 0.51234 s, avg_samples: 8.0, ips: 15.61450 samples/s, eta: 1 day, 2:03:04";
const OLD_TRAIN = "[2021/06/01 08:00:00] root INFO: epoch: [2/72], iter: 40, 'lr': 0.0005, 'loss': 12.5, 'acc': 0.1, reader_cost: 0.1 s, batch_cost: 0.4 s, samples: 256, ips: 640.0";
const EVAL_DET = "[2024/01/01 12:05:00] ppocr INFO: cur metric, precision: 0.8, recall: 0.7, hmean: 0.7466666666666666, fps: 20.53";
const BEST_DET = "[2024/01/01 12:05:00] ppocr INFO: best metric, hmean: 0.7466666666666666, is_float16: False, precision: 0.8, recall: 0.7, fps: 20.53, best_epoch: 3";
const EVAL_REC = "[2024/01/01 12:05:00] ppocr INFO: cur metric, acc: 0.9100001, norm_edit_dis: 0.97, fps: np.float64(512.5)";

describe("parsePaddleOcrLogLine", () => {
  it("reads a train line: epoch, step, losses and lr, without the throughput and ETA fields", () => {
    const parsed = parsePaddleOcrLogLine(TRAIN);
    expect(parsed).toEqual({
      kind: "train",
      at: new Date(2024, 0, 1, 12, 0, 0),
      epoch: 1,
      epochs: 500,
      step: 10,
      values: { lr: 0.001, loss: 2.345, loss_shrink_maps: 1.29, loss_threshold_maps: 0.82, loss_binary_maps: 0.235 },
    });
  });

  it("reads older releases (iter, quoted names, reader_cost) too", () => {
    expect(parsePaddleOcrLogLine(OLD_TRAIN)).toMatchObject({ kind: "train", epoch: 2, epochs: 72, step: 40, values: { lr: 0.0005, loss: 12.5, acc: 0.1 } });
  });

  it("reads eval and best lines for detection and recognition, skipping non-numbers", () => {
    expect(parsePaddleOcrLogLine(EVAL_DET)).toMatchObject({ kind: "eval", step: null, values: { precision: 0.8, recall: 0.7, hmean: 0.7466666666666666, fps: 20.53 } });
    expect(parsePaddleOcrLogLine(BEST_DET)).toMatchObject({ kind: "best", values: { hmean: 0.7466666666666666, precision: 0.8, recall: 0.7, fps: 20.53, best_epoch: 3 } });
    expect(parsePaddleOcrLogLine(EVAL_REC)).toMatchObject({ kind: "eval", values: { acc: 0.9100001, norm_edit_dis: 0.97, fps: 512.5 } });
  });

  it("ignores every other line", () => {
    for (const line of [
      "[2024/01/01 12:00:00] ppocr INFO: train dataloader has 125 iters",
      "eval model:: 100%|██████████| 2/2 [00:00<00:00, 25.00it/s]",
      "Traceback (most recent call last):",
      "[2024/01/01 12:00:00] ppocr INFO: save best model is to ./output/best_accuracy",
      "",
    ]) {
      expect(parsePaddleOcrLogLine(line)).toBeNull();
    }
  });
});

describe("PaddleOcrMetricsTracker", () => {
  it("gives eval and best points the step of the train line before them, and tracks the best main indicator", () => {
    const tracker = new PaddleOcrMetricsTracker();
    expect(tracker.add(TRAIN).map((p) => [p.name, p.step, p.epoch])).toContainEqual(["TRAIN/loss", 10, 1]);
    expect(tracker.add(EVAL_DET).map((p) => [p.name, p.step])).toEqual([
      ["EVAL/precision", 10],
      ["EVAL/recall", 10],
      ["EVAL/hmean", 10],
      ["EVAL/fps", 10],
    ]);
    expect(tracker.add(BEST_DET)).toEqual([{ name: "EVAL/best_hmean", step: 10, epoch: 1, value: 0.7466666666666666, at: new Date(2024, 0, 1, 12, 5, 0) }]);
    expect(tracker.keyMetric).toEqual({ name: "hmean", value: 0.7466666666666666 });
    expect(tracker.latest).toMatchObject({ "TRAIN/loss": 2.345, "EVAL/hmean": 0.7466666666666666, best_hmean: 0.7466666666666666, best_epoch: 3, epoch: 1, epochs: 500, global_step: 10 });
  });

  it("takes a recognition run's acc as its key metric, from the latest eval before any best line", () => {
    const tracker = new PaddleOcrMetricsTracker();
    tracker.add(OLD_TRAIN);
    tracker.add(EVAL_REC);
    expect(tracker.keyMetric).toEqual({ name: "acc", value: 0.9100001 });
  });
});
