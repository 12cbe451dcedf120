import type { RunLaunchSpec, RunObservation, RunRef, TrainingBackend } from "@/lib/providers/training";

// Shared by this folder's tests: a launch spec like the runs domain sends, and a way to collect what
// a backend's watch reports.

export function launchSpec(overrides: Partial<RunLaunchSpec> = {}): RunLaunchSpec {
  return {
    runId: "crun0000000000000000000001",
    name: "det-icdar",
    attempt: 1,
    modelName: "ppocr-det",
    configPath: "configs/det/det_mv3_db.yml",
    configChanges: ["Global.epoch_num=10", "Global.log_smooth_window=2", "Global.save_epoch_step=5"],
    pretrainedModel: "https://paddle-imagenet-models-name.bj.bcebos.com/dygraph/MobileNetV3_large_x0_5_pretrained.pdparams",
    image: "registry.baidubce.com/paddleflow-public/paddleocr:2.1.3-gpu-cuda10.2-cudnn7",
    resources: { workerReplicas: 1, gpus: 1 },
    targetOptions: { visualdl: true, registerModel: false },
    dataset: {
      name: "icdar2015",
      task: "det",
      sourceUri: "bos://paddleflow-public.hkg.bcebos.com/icdar2015/",
      trainLabelFile: "train_icdar2015_label.txt",
      testLabelFile: "test_icdar2015_label.txt",
      dictionaryFile: null,
      version: null,
      cacheLocation: null,
    },
    ...overrides,
  };
}

export function refOf(spec: RunLaunchSpec, launched: { externalId: string; request: unknown } | null): RunRef {
  return { runId: spec.runId, name: spec.name, attempt: spec.attempt, externalId: launched?.externalId ?? null, request: launched?.request ?? null };
}

/** Runs the backend's watch until `until` holds for what it reported (or the time runs out). */
export async function watchUntil(
  backend: TrainingBackend,
  runs: RunRef[],
  until: (seen: Array<{ run: RunRef; observation: RunObservation }>) => boolean,
  timeoutMs = 15_000,
): Promise<Array<{ run: RunRef; observation: RunObservation }>> {
  const seen: Array<{ run: RunRef; observation: RunObservation }> = [];
  const controller = new AbortController();
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const watching = backend.watch!(
    () => runs,
    (run, observation) => {
      seen.push({ run, observation });
      if (until(seen)) resolveDone();
    },
    controller.signal,
  );
  await Promise.race([done, watching]);
  controller.abort();
  clearTimeout(timer);
  await watching;
  return seen;
}
