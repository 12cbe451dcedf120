import { describe, expect, it } from "vitest";
import { datasetFolder, runBaseName, runObjectNames, runVolumeName } from "./names";
import { trainingCommand } from "./paddle-job";
import { buildRunManifests, pretrainedUrl } from "./run-manifests";
import { formatNodeSelector, formatTolerations, parseNodeSelector, parseTolerations } from "./scheduling-text";
import { kubernetesTargetConfigSchema } from "@/lib/schemas/targets";
import { launchSpec } from "./test-helpers";

const config = kubernetesTargetConfigSchema.parse({ connection: "in-cluster", namespace: "kubeflow", storageClass: "task-center" });

describe("the training command, as PaddleCloud's component builds it", () => {
  it("trains on the CPU without paddle.distributed.launch, and says so to PaddleOCR", () => {
    const command = trainingCommand({ configPath: "configs/rec/rec_svtr.yml", configChanges: [], pretrainedModelUrl: null, gpus: 0, visualdl: false, datasetFolder: null, trainLabel: null, testLabel: null });
    expect(command).toBe(
      "python tools/train.py -c configs/rec/rec_svtr.yml -o Global.use_gpu=False Global.save_model_dir=/mnt/task-center/models/ Global.save_inference_dir=/mnt/task-center/inference/",
    );
  });

  it("launches every GPU of the node, and keeps the user's own Global.use_gpu", () => {
    const command = trainingCommand({ configPath: "c.yml", configChanges: ["Global.use_gpu=True"], pretrainedModelUrl: null, gpus: 4, visualdl: true, datasetFolder: "icdar", trainLabel: "a b.txt", testLabel: null });
    expect(command).toContain("python -m paddle.distributed.launch --gpus '0,1,2,3' --log_dir /mnt/task-center tools/train.py");
    expect(command.match(/Global\.use_gpu/g)).toHaveLength(1);
    expect(command).toContain(`'Train.dataset.label_file_list=["/mnt/data-center/icdar/a b.txt"]'`);
    expect(command).not.toContain("Eval.dataset.label_file_list");
  });

  it("fetches a model hub pretrained model through MinIO as the pods reach it, and uses a volume path as is", () => {
    expect(pretrainedUrl("s3://model-center/backbone/1/mv3.pdparams", "http://minio-service.kubeflow:9000")).toBe("http://minio-service.kubeflow:9000/model-center/backbone/1/mv3.pdparams");
    const command = trainingCommand({ configPath: "c.yml", configChanges: [], pretrainedModelUrl: "/mnt/task-center/models/latest", gpus: 1, visualdl: false, datasetFolder: null, trainLabel: null, testLabel: null });
    expect(command).not.toContain("wget");
    expect(command).toContain("Global.pretrained_model=/mnt/task-center/models/latest");
  });
});

describe("deterministic names", () => {
  it("derives every object of a run attempt from its name, within Kubernetes' limits", () => {
    expect(runObjectNames("det-icdar", 1)).toEqual({ paddleJob: "det-icdar", visualdl: "det-icdar-visualdl", exportJob: "det-icdar-export", modelHubJob: "det-icdar-model-hub" });
    expect(runObjectNames("7det", 3).visualdl).toBe("r7det-3-visualdl");
    const long = "a".repeat(52);
    const names = runObjectNames(long, 12);
    expect(runBaseName(long, 12).length).toBeLessThanOrEqual(53);
    for (const name of Object.values(names)) expect(name.length).toBeLessThanOrEqual(63);
    expect(runObjectNames(long, 12)).toEqual(names);
    expect(runVolumeName(long).length).toBeLessThanOrEqual(63);
  });

  it("gives each dataset version its own folder in the SampleSet", () => {
    expect(datasetFolder("ICDAR 2015", 3)).toBe("icdar-2015-v3");
    expect(datasetFolder("receipts_zh", null)).toBe("receipts-zh");
    expect(datasetFolder("x".repeat(80), 12).endsWith("-v12")).toBe(true);
  });
});

describe("run manifests", () => {
  it("reuses a named claim instead of creating one, and schedules as asked", () => {
    const run = buildRunManifests(
      launchSpec({
        resources: { workerReplicas: 2, psReplicas: 1, gpus: 0, cpu: "4", memory: "16Gi" },
        targetOptions: {
          visualdl: false,
          volume: { claimName: "shared-task-center" },
          nodeSelector: { "node-role/gpu": "true" },
          tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }],
          priorityClass: "training-low",
          cleanPodPolicy: "OnCompletion",
        },
      }),
      config,
    );
    expect(run.reusesClaim).toBe(true);
    expect(run.objects.map((o) => o.manifest.kind)).toEqual(["PaddleJob"]);
    const spec = run.objects[0]!.manifest.spec as { cleanPodPolicy: string; worker: { replicas: number; template: { spec: Record<string, unknown> } }; ps: { replicas: number } };
    expect(spec.cleanPodPolicy).toBe("OnCompletion");
    expect(spec.worker.replicas).toBe(2);
    expect(spec.ps.replicas).toBe(1);
    expect(spec.worker.template.spec).toMatchObject({
      nodeSelector: { "node-role/gpu": "true" },
      tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }],
      priorityClassName: "training-low",
      volumes: [{ name: "dshm", emptyDir: { medium: "Memory" } }, { name: "task-volume", persistentVolumeClaim: { claimName: "shared-task-center" } }],
      containers: [{ resources: { requests: { cpu: "4", memory: "16Gi" } } }],
    });
  });

  it("gives a new volume the target's storage class, ReadWriteMany", () => {
    const run = buildRunManifests(launchSpec({ targetOptions: { volume: { size: "50Gi" } } }), config);
    expect(run.objects[0]!.manifest.spec).toEqual({ accessModes: ["ReadWriteMany"], resources: { requests: { storage: "50Gi" } }, storageClassName: "task-center" });
  });
});

describe("scheduling text boxes", () => {
  it("reads kubectl's notation both ways, naming the lines it cannot read", () => {
    expect(parseNodeSelector("a=b\n\n# c\nzone = east")).toEqual({ value: { a: "b", zone: "east" }, errors: [] });
    expect(parseNodeSelector("oops").errors).toEqual(["Line 1: write key=value, e.g. nvidia.com/gpu.present=true"]);
    const tolerations = parseTolerations("gpu=true:NoSchedule\nspot:PreferNoSchedule\ndedicated\nx:Never");
    expect(tolerations.value).toEqual([
      { key: "gpu", operator: "Equal", value: "true", effect: "NoSchedule" },
      { key: "spot", operator: "Exists", effect: "PreferNoSchedule" },
      { key: "dedicated", operator: "Exists" },
    ]);
    expect(tolerations.errors).toEqual(["Line 4: the effect is NoSchedule, PreferNoSchedule or NoExecute"]);
    expect(formatTolerations(tolerations.value)).toBe("gpu=true:NoSchedule\nspot:PreferNoSchedule\ndedicated");
    expect(formatNodeSelector({ a: "b" })).toBe("a=b");
  });
});
