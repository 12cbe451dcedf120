import { describe, expect, it } from "vitest";
import { parsePaddleOcrLogLine } from "@/lib/runs/log-metrics";
import { consoleMetricName, paddleOcrMetricDefinitions, taskOfConfigPath } from "./metric-definitions";

// Lines as PaddleOCR 2.7's tools/program.py prints them.
const TRAIN_DET =
  "[2024/01/15 10:23:45] ppocr INFO: epoch: [3/500], global_step: 250, lr: 0.000997, loss: 2.345678, loss_shrink_maps: 1.234567, loss_threshold_maps: 0.812345, loss_binary_maps: 0.298765, avg_reader_cost: 0.01234 s, avg_batch_cost: 0.45678 s, avg_samples: 8.0, ips: 17.51394 samples/s, eta: 1:02:03";
const TRAIN_REC =
  "[2024/01/15 10:23:45] ppocr INFO: epoch: [3/500], global_step: 250, lr: 0.000997, acc: 0.437500, norm_edit_dis: 0.812345, CTCLoss: 4.123456, SARLoss: 1.2, loss: 5.323456, avg_reader_cost: 0.01 s, avg_batch_cost: 0.3 s, avg_samples: 128.0, ips: 426.6 samples/s, eta: 2:10:00";
const EVAL_DET = "[2024/01/15 10:25:00] ppocr INFO: cur metric, precision: 0.612345, recall: 0.512345, hmean: 0.557891, fps: 12.345";
const BEST_DET = "[2024/01/15 10:25:00] ppocr INFO: best metric, hmean: 0.557891, is_float16: False, precision: 0.612345, recall: 0.512345, fps: 12.345, best_epoch: 3";
const EVAL_REC = "[2024/01/15 10:25:00] ppocr INFO: cur metric, acc: 0.781250, norm_edit_dis: 0.912345, fps: 312.5";
const BEST_REC = "[2024/01/15 10:25:00] ppocr INFO: best metric, acc: 0.781250, is_float16: False, norm_edit_dis: 0.912345, fps: 312.5, best_epoch: 3";
const OLD_ITER = "[2021/06/01 08:00:00] root INFO: epoch: [1/100], iter: 10, lr: 0.001000, loss: 7.891234, acc: 0.0, norm_edit_dis: 0.1, reader_cost: 0.1 s, batch_cost: 0.2 s, samples: 8, ips: 40.0";

/** What SageMaker does with a definition: the first capture group of the regex's first match. */
function extract(regex: string, line: string): number | undefined {
  const match = new RegExp(regex).exec(line);
  return match ? Number(match[1]) : undefined;
}

describe("PaddleOCR metric definitions", () => {
  it("read loss, lr, hmean, precision, recall and the best hmean from detection lines", () => {
    const values = Object.fromEntries(
      paddleOcrMetricDefinitions("det").map((d) => [d.name, [TRAIN_DET, EVAL_DET, BEST_DET].map((line) => extract(d.regex, line)).find((v) => v !== undefined)]),
    );
    expect(values).toEqual({
      "train:loss": 2.345678,
      "train:lr": 0.000997,
      "eval:hmean": 0.557891,
      "eval:precision": 0.612345,
      "eval:recall": 0.512345,
      "best:hmean": 0.557891,
    });
  });

  it("read loss (not CTCLoss), acc and the best acc from recognition lines, old `iter:` lines too", () => {
    const definition = (name: string) => paddleOcrMetricDefinitions("rec").find((d) => d.name === name)!.regex;
    expect(extract(definition("train:loss"), TRAIN_REC)).toBe(5.323456);
    expect(extract(definition("train:loss"), OLD_ITER)).toBe(7.891234);
    expect(extract(definition("eval:acc"), EVAL_REC)).toBe(0.78125);
    expect(extract(definition("eval:norm_edit_dis"), EVAL_REC)).toBe(0.912345);
    expect(extract(definition("best:acc"), BEST_REC)).toBe(0.78125);
    // The train line's running acc is not the evaluation's.
    expect(extract(definition("eval:acc"), TRAIN_REC)).toBeUndefined();
  });

  it("name metrics as the log parser of the runs domain does", () => {
    const parsed = parsePaddleOcrLogLine(TRAIN_DET)!;
    expect(parsed.values.loss).toBe(2.345678);
    expect(consoleMetricName("train:loss")).toBe("TRAIN/loss");
    expect(consoleMetricName("eval:hmean")).toBe("EVAL/hmean");
    expect(consoleMetricName("best:acc")).toBe("best_acc");
    expect(consoleMetricName("custom")).toBe("custom");
  });

  it("fit SageMaker's limits: at most 40 definitions, names and regexes within bounds, one capture group", () => {
    for (const task of ["det", "rec", "cls", null] as const) {
      const definitions = paddleOcrMetricDefinitions(task);
      expect(definitions.length).toBeLessThanOrEqual(40);
      for (const d of definitions) {
        expect(d.name.length).toBeLessThanOrEqual(255);
        expect(d.regex.length).toBeLessThanOrEqual(500);
        expect(new RegExp(`${d.regex}|`).exec("")!.length - 1).toBe(1);
      }
    }
    expect(taskOfConfigPath("configs/rec/PP-OCRv4/ch_PP-OCRv4_rec.yml")).toBe("rec");
    expect(taskOfConfigPath("configs/det/ch_PP-OCRv4/ch_PP-OCRv4_det_student.yml")).toBe("det");
    expect(taskOfConfigPath("configs/cls/cls_mv3.yml")).toBe("cls");
  });
});
