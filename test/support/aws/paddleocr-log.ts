/**
 * The lines a PaddleOCR training container prints, as `tools/train.py` formats them
 * (`[%Y/%m/%d %H:%M:%S] ppocr INFO: …`), placed in time across a job's Training step. Host 1 is
 * rank 0 (config dump, training, evaluation, best metric, model saves); other hosts print the
 * launcher's lines and their own training steps, as `paddle.distributed.launch` workers do.
 */
export interface TrainingLogPlan {
  hosts: number;
  /** When the container starts printing and when the Training step ends (epoch ms). */
  start: number;
  end: number;
  task: "det" | "rec" | "cls";
  epochs: number;
  configPath: string;
  configChanges: string[];
  /** When set, the run dies this far into training (0..1) with this Python error as its last line. */
  failure?: { at: number; error: string };
}

export interface PlannedLogEvent {
  timestamp: number;
  message: string;
}

const STEPS_PER_EPOCH_PRINTED = 2;
const ITERS_PER_EPOCH = 20;

export function paddleOcrTrainingLog(plan: TrainingLogPlan): PlannedLogEvent[][] {
  const hosts: PlannedLogEvent[][] = [];
  for (let host = 1; host <= plan.hosts; host++) hosts.push(hostLines(plan, host));
  if (plan.failure) {
    const failAt = plan.start + (plan.end - plan.start) * plan.failure.at;
    for (const lines of hosts) {
      const kept = lines.filter((line) => line.timestamp < failAt);
      kept.push(...traceback(plan.failure.error).map((message, i) => ({ timestamp: failAt + i, message })));
      lines.splice(0, lines.length, ...kept);
    }
  }
  return hosts;
}

function hostLines(plan: TrainingLogPlan, host: number): PlannedLogEvent[] {
  const messages: Array<(at: number) => string> = [];
  const ppocr = (text: string) => (at: number) => `[${paddleTime(at)}] ppocr INFO: ${text}`;
  const plain = (text: string) => () => text;
  const overrides = plan.configChanges.length > 0 ? ` -o ${plan.configChanges.join(" ")}` : "";

  messages.push(plain("Reading hyperparameters from /opt/ml/input/config/hyperparameters.json"));
  messages.push(plain(`LAUNCH INFO: nnodes ${plan.hosts}, this node algo-${host}, rank ${host - 1}`));
  messages.push(plain(`python3 -m paddle.distributed.launch tools/train.py -c ${plan.configPath}${overrides}`));
  if (host === 1) {
    messages.push(ppocr("Architecture : "));
    messages.push(ppocr(`    algorithm : ${plan.task === "det" ? "DB" : "SVTR_LCNet"}`));
    messages.push(ppocr("Global : "));
    messages.push(ppocr(`    epoch_num : ${plan.epochs}`));
    messages.push(ppocr(`train dataloader has ${ITERS_PER_EPOCH} iters`));
    messages.push(ppocr("valid dataloader has 5 iters"));
  }
  let best = -Infinity;
  for (let epoch = 1; epoch <= plan.epochs; epoch++) {
    for (let k = 1; k <= STEPS_PER_EPOCH_PRINTED; k++) {
      const step = (epoch - 1) * ITERS_PER_EPOCH + k * (ITERS_PER_EPOCH / STEPS_PER_EPOCH_PRINTED);
      messages.push(ppocr(trainLine(plan, epoch, step, host)));
    }
    if (host !== 1) continue;
    const value = evalMetric(plan.task, epoch);
    messages.push(ppocr(curMetricLine(plan.task, value)));
    if (value > best) {
      best = value;
      messages.push(ppocr("save best model is to ./output/best_accuracy"));
    }
    messages.push(ppocr(bestMetricLine(plan.task, best, epoch)));
    messages.push(ppocr("save model in ./output/latest"));
  }
  if (host === 1) messages.push(plain("Exporting the inference model to /opt/ml/model"));

  const span = Math.max(plan.end - plan.start, messages.length);
  return messages.map((render, i) => {
    const timestamp = Math.round(plan.start + (span * i) / messages.length) + host - 1;
    return { timestamp, message: render(timestamp) };
  });
}

function trainLine(plan: TrainingLogPlan, epoch: number, step: number, host: number): string {
  const loss = plan.task === "det" ? 0.3 + 2.7 * Math.exp(-step / 40) : 0.1 + 9 * Math.exp(-step / 40);
  const lr = 0.001 * (1 - (epoch - 1) / (plan.epochs + 1));
  const parts = [`epoch: [${epoch}/${plan.epochs}]`, `global_step: ${step}`, `lr: ${lr.toFixed(6)}`, `loss: ${(loss + (host - 1) * 0.01).toFixed(6)}`];
  if (plan.task === "det") parts.push(`loss_shrink_maps: ${(loss * 0.6).toFixed(6)}`, `loss_threshold_maps: ${(loss * 0.3).toFixed(6)}`);
  else parts.push(`acc: ${Math.min(0.99, evalMetric(plan.task, epoch) - 0.02).toFixed(6)}`);
  parts.push("avg_reader_cost: 0.01234 s", "avg_batch_cost: 0.45678 s", "avg_samples: 8.0", "ips: 17.51394 samples/s", "eta: 0:01:23");
  return parts.join(", ");
}

function evalMetric(task: TrainingLogPlan["task"], epoch: number): number {
  return task === "det" ? 0.35 + 0.45 * (1 - Math.exp(-epoch / 2)) : 0.4 + 0.5 * (1 - Math.exp(-epoch / 2));
}

function curMetricLine(task: TrainingLogPlan["task"], value: number): string {
  if (task === "det") {
    return `cur metric, precision: ${(value + 0.03).toFixed(6)}, recall: ${(value - 0.03).toFixed(6)}, hmean: ${value.toFixed(6)}, fps: 12.345`;
  }
  return `cur metric, acc: ${value.toFixed(6)}, norm_edit_dis: ${Math.min(0.999, value + 0.05).toFixed(6)}, fps: 312.5`;
}

function bestMetricLine(task: TrainingLogPlan["task"], value: number, epoch: number): string {
  if (task === "det") {
    return `best metric, hmean: ${value.toFixed(6)}, is_float16: False, precision: ${(value + 0.03).toFixed(6)}, recall: ${(value - 0.03).toFixed(6)}, fps: 12.345, best_epoch: ${epoch}`;
  }
  return `best metric, acc: ${value.toFixed(6)}, is_float16: False, norm_edit_dis: ${Math.min(0.999, value + 0.05).toFixed(6)}, fps: 312.5, best_epoch: ${epoch}`;
}

function traceback(error: string): string[] {
  return [
    "Traceback (most recent call last):",
    '  File "tools/train.py", line 227, in <module>',
    "    main(config, device, logger, vdl_writer, seed)",
    '  File "tools/train.py", line 199, in main',
    "    program.train(config, train_dataloader, valid_dataloader, device, model, loss_class, optimizer, lr_scheduler, post_process_class, eval_class, pre_best_model_dict, logger, step_pre_epoch, vdl_writer, scaler, amp_level, amp_custom_black_list, amp_custom_white_list, amp_dtype)",
    error,
  ];
}

function paddleTime(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The task a PaddleOCR config trains, from its path (`configs/rec/…`). */
export function taskOfConfig(configPath: string): TrainingLogPlan["task"] {
  if (/(^|\/)rec(\/|$)/.test(configPath)) return "rec";
  if (/(^|\/)cls(\/|$)/.test(configPath)) return "cls";
  return "det";
}
