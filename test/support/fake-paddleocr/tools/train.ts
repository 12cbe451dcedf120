// A stand-in for PaddleOCR's tools/train.py, for tests only. From the outside it behaves like the
// real one: the same arguments (`-c <config> -o Key=value …`, merged into the YAML config the way
// PaddleOCR merges them), log lines in PaddleOCR's formats on stdout and in
// `<save_model_dir>/train.log`, a VisualDL log in `<save_model_dir>/vdl/`, checkpoints
// (`best_accuracy.*`, `latest.*`, `iter_epoch_N.*`), exit 0; tools/export_model.ts then writes the
// inference folder. It trains nothing: losses fall and metrics rise on a fixed curve.
//
// Run it with `node --import tsx tools/train.ts -c <config> -o <changes>` from this folder (the local
// target's CONSOLE_PADDLEOCR_DIR). Modes, by `-o Global.fake_mode=…` or FAKE_PADDLEOCR_MODE:
//   normal (default) · slow (400 ms a step) · crash (a traceback after two steps, exit 1)
//   hang (waits until signalled) · ignore-sigterm (hangs and ignores SIGTERM; only SIGKILL ends it)
// Speed: Global.fake_step_ms / FAKE_PADDLEOCR_STEP_MS (default 20), Global.fake_iters_per_epoch (default 5).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { createLogWriter, type LogWriter } from "../../../../lib/visualdl/writer";
import { loadConfig, logger, num, traceback } from "./program";

const config = loadConfig("train.py");

const global = config.Global!;
const mode = String(global.fake_mode ?? process.env.FAKE_PADDLEOCR_MODE ?? "normal");
const stepMs = num(global.fake_step_ms ?? process.env.FAKE_PADDLEOCR_STEP_MS, mode === "slow" ? 400 : 20);
const itersPerEpoch = num(global.fake_iters_per_epoch, 5);
const epochNum = num(global.epoch_num, 3);
const printBatchStep = num(global.print_batch_step, 10);
const evalSetting = global.eval_batch_step;
const [startEvalStep, evalBatchStep] = Array.isArray(evalSetting) ? [num(evalSetting[0], 0), num(evalSetting[1], 5)] : [0, num(evalSetting, 5)];
const saveEpochStep = num(global.save_epoch_step, 1);
const saveModelDir = String(global.save_model_dir ?? "./output");
const modelType = String((config.Architecture as Record<string, unknown> | undefined)?.model_type ?? "det");
const mainIndicator = String((config.Metric as Record<string, unknown> | undefined)?.main_indicator ?? (modelType === "det" ? "hmean" : "acc"));
const learningRate = num(((config.Optimizer as Record<string, unknown> | undefined)?.lr as Record<string, unknown> | undefined)?.learning_rate, 0.001);

mkdirSync(saveModelDir, { recursive: true });
const log = logger(path.join(saveModelDir, "train.log"));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function printDict(value: Record<string, unknown>, indent = 0) {
  for (const [key, item] of Object.entries(value)) {
    if (item && typeof item === "object" && !Array.isArray(item)) {
      log(`${" ".repeat(indent)}${key} : `);
      printDict(item as Record<string, unknown>, indent + 4);
    } else log(`${" ".repeat(indent)}${key} : ${Array.isArray(item) ? JSON.stringify(item).replaceAll('"', "'") : String(item)}`);
  }
}

function saveCheckpoint(prefix: string, states: Record<string, unknown>) {
  const base = path.join(saveModelDir, prefix);
  writeFileSync(`${base}.pdparams`, Buffer.from(`fake pdparams ${prefix}\n`));
  writeFileSync(`${base}.pdopt`, Buffer.from(`fake pdopt ${prefix}\n`));
  writeFileSync(`${base}.states`, JSON.stringify(states));
}

/** Python's str() of a float: shortest repr, always with a decimal point. */
const py = (value: number) => (Number.isInteger(value) ? value.toFixed(1) : String(value));
const fixed = (value: number) => value.toFixed(6);

/** PaddleOCR's best-model dict: its main indicator first, then `is_float16` (newer releases), then the rest. */
function bestLine(best: Record<string, number>): string {
  const { [mainIndicator]: main, ...rest } = best;
  const entries = [`${mainIndicator}: ${py(main!)}`, "is_float16: False", ...Object.entries(rest).map(([k, v]) => `${k}: ${k === "best_epoch" ? v : py(v)}`)];
  return `best metric, ${entries.join(", ")}`;
}

async function main() {
  log(`Architecture : `);
  printDict(config);
  log(`train with paddle 2.6.1 and device Place(cpu)`);
  log(`Initialize indexs of datasets:${JSON.stringify((config.Train?.dataset as Record<string, unknown> | undefined)?.label_file_list ?? [])}`);
  log(`train dataloader has ${itersPerEpoch} iters`);
  log(`valid dataloader has 2 iters`);
  writeFileSync(path.join(saveModelDir, "config.yml"), stringify(config));
  if (global.pretrained_model) log(`load pretrain successful from ${String(global.pretrained_model)}`);

  if (mode === "ignore-sigterm") process.on("SIGTERM", () => log("received SIGTERM, carrying on"));
  if (mode === "hang" || mode === "ignore-sigterm") {
    log(`During the training process, after the ${startEvalStep}th iteration, an evaluation is run every ${evalBatchStep} iterations`);
    await new Promise(() => setInterval(() => {}, 60_000));
  }

  let vdl: LogWriter | null = null;
  if (global.use_visualdl === true) {
    vdl = await createLogWriter(path.join(saveModelDir, "vdl"));
    log(`You are using VisualDL, the VisualDL logger path is: ${path.join(saveModelDir, "vdl")}/`);
  }
  log(`During the training process, after the ${startEvalStep}th iteration, an evaluation is run every ${evalBatchStep} iterations`);

  const best: Record<string, number> = { [mainIndicator]: 0 };
  let globalStep = 0;
  const total = epochNum * itersPerEpoch;
  for (let epoch = 1; epoch <= epochNum; epoch += 1) {
    for (let idx = 0; idx < itersPerEpoch; idx += 1) {
      await sleep(stepMs);
      if (mode === "crash" && globalStep === 2) {
        traceback(
          "train.py",
          [
            "    main(config, device, logger, vdl_writer)",
            '  File "tools/program.py", line 357, in train',
            "    avg_loss.backward()",
          ],
          "RuntimeError: (PreconditionNotMet) The fake trainer was told to crash (Global.fake_mode=crash).",
        );
      }
      const progress = globalStep / Math.max(1, total);
      const lr = learningRate * (0.5 + 0.5 * Math.cos(Math.PI * progress));
      const loss = 0.3 + 2.2 * Math.exp(-globalStep / 20) + 0.01 * Math.sin(globalStep);
      const stats: Record<string, number> =
        modelType === "det"
          ? { loss, loss_shrink_maps: loss * 0.55, loss_threshold_maps: loss * 0.35, loss_binary_maps: loss * 0.1 }
          : { loss, CTCLoss: loss * 0.6, NRTRLoss: loss * 0.4, acc: Math.min(0.98, 0.1 + 0.8 * progress), norm_edit_dis: Math.min(0.99, 0.4 + 0.55 * progress) };
      stats.lr = lr;
      if (vdl) for (const [key, value] of Object.entries(stats)) vdl.addScalar(`TRAIN/${key}`, value, globalStep);
      if ((globalStep > 0 && globalStep % printBatchStep === 0) || idx >= itersPerEpoch - 1) {
        const logs = Object.entries({ lr: stats.lr, ...stats }).map(([key, value]) => `${key}: ${fixed(value!)}`).join(", ");
        const eta = new Date(Math.max(0, total - globalStep - 1) * stepMs).toISOString().slice(11, 19).replace(/^0/, "");
        log(`epoch: [${epoch}/${epochNum}], global_step: ${globalStep}, ${logs}, avg_reader_cost: 0.00031 s, avg_batch_cost: ${(stepMs / 1000).toFixed(5)} s, avg_samples: 8.0, ips: ${(8000 / stepMs).toFixed(5)} samples/s, eta: ${eta}`);
      }
      if (globalStep > startEvalStep && (globalStep - startEvalStep) % evalBatchStep === 0) {
        process.stderr.write("eval model:: 100%|██████████| 2/2 [00:00<00:00, 25.00it/s]\n");
        const quality = 0.5 + 0.45 * (1 - Math.exp(-globalStep / 15));
        const metric: Record<string, number> =
          modelType === "det"
            ? { precision: Math.min(0.99, quality + 0.03), recall: quality - 0.03, hmean: quality, fps: 41.5 }
            : { acc: quality, norm_edit_dis: Math.min(0.999, quality + 0.04), fps: 512.3 };
        log(`cur metric, ${Object.entries(metric).map(([k, v]) => `${k}: ${py(v)}`).join(", ")}`);
        if (vdl) for (const [key, value] of Object.entries(metric)) vdl.addScalar(`EVAL/${key}`, value, globalStep);
        if (metric[mainIndicator]! >= best[mainIndicator]!) {
          Object.assign(best, metric, { best_epoch: epoch });
          saveCheckpoint("best_accuracy", { best_model_dict: best, epoch, global_step: globalStep });
          log(`save best model is to ${path.join(saveModelDir, "best_accuracy")}`);
        }
        log(bestLine(best));
        if (vdl) vdl.addScalar(`EVAL/best_${mainIndicator}`, best[mainIndicator]!, globalStep);
      }
      globalStep += 1;
    }
    saveCheckpoint("latest", { best_model_dict: best, epoch, global_step: globalStep });
    log(`save model in ${path.join(saveModelDir, "latest")}`);
    if (epoch % saveEpochStep === 0) {
      saveCheckpoint(`iter_epoch_${epoch}`, { best_model_dict: best, epoch, global_step: globalStep });
      log(`save model in ${path.join(saveModelDir, `iter_epoch_${epoch}`)}`);
    }
    await vdl?.flush();
  }
  log(bestLine(best));
  await vdl?.close();
}

await main();
