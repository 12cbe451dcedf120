import type { RunLaunchSpec, RunObservation, RunState } from "@/lib/providers/training";
import { apiVersionOf, KINDS, shellWord, type Manifest } from "./manifests";
import { ANNOTATION_STOP, runLabels } from "./names";
import type { KubernetesRunOptions } from "./run-options";

// PaddleJob (batch.paddlepaddle.org/v1) built as PaddleCloud's kfp training component builds it
// (pipeline/src/training.py): `/bin/bash -c` running tools/train.py with the shared volume at
// /mnt/task-center and the SampleSet at /mnt/data-center, and its status read back.

export const TASK_CENTER = "/mnt/task-center";
export const DATA_CENTER = "/mnt/data-center";
export const PLAN_ANNOTATION = "ocr-console/plan";

/** What later steps (export, model hub, registration, VisualDL) need to know about the run, kept on the PaddleJob. */
export interface RunPlan {
  runId: string;
  attempt: number;
  modelName: string;
  configPath: string;
  configChanges: string[];
  image: string;
  claimName: string;
  gpus: number;
  visualdl: boolean;
  registerModel: boolean;
  servingImage: string;
  modelHubImage: string;
  pretrainedModel: string | null;
}

export interface TrainingCommandInput {
  configPath: string;
  configChanges: string[];
  pretrainedModelUrl: string | null;
  gpus: number;
  visualdl: boolean;
  /** The dataset's folder below /mnt/data-center; null when the config's own paths are used. */
  datasetFolder: string | null;
  trainLabel: string | null;
  testLabel: string | null;
}

/**
 * The component's command line (get_ocr_command): optional pretrained download, then train.py with
 * the user's changes and the fixed output and data paths. Words are shell-quoted where the
 * component left them bare, so `-o` values with brackets or quotes reach PaddleOCR unchanged.
 */
export function trainingCommand(input: TrainingCommandInput): string {
  const parts: string[] = [];
  let pretrainedPath: string | null = null;
  if (input.pretrainedModelUrl) {
    if (/^https?:\/\//.test(input.pretrainedModelUrl)) {
      parts.push(`wget -P ${TASK_CENTER}/pretrain_model/ ${shellWord(input.pretrainedModelUrl)} &&`);
      const file = input.pretrainedModelUrl.split("?")[0]!.split("/").pop() ?? "";
      pretrainedPath = `${TASK_CENTER}/pretrain_model/${file.replace(/\.pdparams$/, "")}`;
    } else {
      // A path on the volume (a previous run's checkpoint): used where it is.
      pretrainedPath = input.pretrainedModelUrl.replace(/\.pdparams$/, "");
    }
  }
  parts.push("python");
  if (input.gpus > 0) {
    const gpus = Array.from({ length: input.gpus }, (_, i) => i).join(",");
    parts.push(`-m paddle.distributed.launch --gpus '${gpus}' --log_dir ${TASK_CENTER}`);
  }
  parts.push(`tools/train.py -c ${shellWord(input.configPath)} -o`);
  const changes = [...input.configChanges];
  const sets = (key: string) => changes.some((change) => change.startsWith(`${key}=`));
  if (input.gpus === 0 && !sets("Global.use_gpu")) changes.push("Global.use_gpu=False");
  if (input.visualdl) changes.push("Global.use_visualdl=True");
  changes.push(`Global.save_model_dir=${TASK_CENTER}/models/`, `Global.save_inference_dir=${TASK_CENTER}/inference/`);
  if (pretrainedPath) changes.push(`Global.pretrained_model=${pretrainedPath}`);
  if (input.datasetFolder) {
    const dir = `${DATA_CENTER}/${input.datasetFolder}`;
    changes.push(`Train.dataset.data_dir=${dir}/`);
    if (input.trainLabel) changes.push(`Train.dataset.label_file_list=["${dir}/${input.trainLabel}"]`);
    changes.push(`Eval.dataset.data_dir=${dir}/`);
    if (input.testLabel) changes.push(`Eval.dataset.label_file_list=["${dir}/${input.testLabel}"]`);
  }
  parts.push(...changes.map(shellWord));
  return parts.join(" ");
}

export interface PaddleJobInput {
  spec: RunLaunchSpec;
  options: KubernetesRunOptions;
  name: string;
  namespace: string;
  plan: RunPlan;
  command: string;
  /** The SampleSet mounted at /mnt/data-center, when the run trains on a cached dataset. */
  sampleSetName: string | null;
  imagePullSecret: string | null;
}

export function paddleJobManifest({ spec, options, name, namespace, plan, command, sampleSetName, imagePullSecret }: PaddleJobInput): Manifest {
  const { resources, targetOptions } = options;
  const requests: Record<string, string> = {};
  if (resources.cpu) requests.cpu = resources.cpu;
  if (resources.memory) requests.memory = resources.memory;
  const container = {
    name: "paddle",
    image: plan.image,
    command: ["/bin/bash"],
    args: ["-c", command],
    volumeMounts: [
      { name: "dshm", mountPath: "/dev/shm" },
      { name: "task-volume", mountPath: `${TASK_CENTER}/` },
    ],
    ...(Object.keys(requests).length > 0 || resources.gpus > 0
      ? {
          resources: {
            ...(Object.keys(requests).length > 0 ? { requests } : {}),
            ...(resources.gpus > 0 ? { limits: { "nvidia.com/gpu": resources.gpus } } : {}),
          },
        }
      : {}),
  };
  const labels = runLabels(spec.runId, spec.attempt, "training");
  const template = {
    metadata: { labels },
    spec: {
      containers: [container],
      volumes: [
        { name: "dshm", emptyDir: { medium: "Memory" } },
        { name: "task-volume", persistentVolumeClaim: { claimName: plan.claimName } },
      ],
      ...(Object.keys(targetOptions.nodeSelector).length > 0 ? { nodeSelector: targetOptions.nodeSelector } : {}),
      ...(targetOptions.tolerations.length > 0 ? { tolerations: targetOptions.tolerations } : {}),
      ...(targetOptions.priorityClass ? { priorityClassName: targetOptions.priorityClass } : {}),
      ...(imagePullSecret ? { imagePullSecrets: [{ name: imagePullSecret }] } : {}),
    },
  };
  return {
    apiVersion: apiVersionOf(KINDS.paddleJob),
    kind: KINDS.paddleJob.kind,
    metadata: {
      name,
      namespace,
      labels,
      annotations: { [PLAN_ANNOTATION]: JSON.stringify(plan), "ocr-console/run-name": spec.name },
    },
    spec: {
      cleanPodPolicy: targetOptions.cleanPodPolicy,
      withGloo: 1,
      intranet: targetOptions.intranet,
      ...(sampleSetName ? { sampleSetRef: { name: sampleSetName, mountPath: DATA_CENTER } } : {}),
      worker: { replicas: resources.workerReplicas, template },
      ...(resources.psReplicas > 0 ? { ps: { replicas: resources.psReplicas, template } } : {}),
    },
  };
}

export function planOf(job: Manifest): RunPlan | null {
  const text = job.metadata.annotations?.[PLAN_ANNOTATION];
  if (!text) return null;
  try {
    return JSON.parse(text) as RunPlan;
  } catch {
    return null;
  }
}

export interface PaddleJobStatus {
  phase?: string;
  mode?: string;
  startTime?: string;
  completionTime?: string;
  worker?: RoleStatus;
  ps?: RoleStatus;
}

interface RoleStatus {
  pending?: number;
  starting?: number;
  running?: number;
  failed?: number;
  succeeded?: number;
  unknown?: number;
}

/** The component's success and failure phases; the others say where the job is on its way. */
export const SUCCESS_PHASES = new Set(["Succeed", "Completed"]);
const PHASE_STATES: Record<string, RunState> = {
  Starting: "Starting",
  Pending: "Starting",
  Scaling: "Starting",
  Running: "Running",
  Restarting: "Running",
  Completing: "Running",
  Unknown: "Running",
  Aborting: "Stopping",
  Terminating: "Stopping",
  Aborted: "Stopped",
  Terminated: "Failed",
  Failed: "Failed",
  Succeed: "Succeeded",
  Completed: "Succeeded",
};

/** The PaddleJob's status as a run observation, its phase kept verbatim. */
export function observePaddleJob(job: Manifest): RunObservation {
  const status = (job.status ?? {}) as PaddleJobStatus;
  const phase = status.phase ?? null;
  const stopping = job.metadata.annotations?.[ANNOTATION_STOP] !== undefined;
  let state: RunState = phase ? (PHASE_STATES[phase] ?? "Running") : "Starting";
  if (stopping && (state === "Starting" || state === "Running")) state = "Stopping";
  const roles = (["worker", "ps"] as const)
    .filter((role) => status[role])
    .map((role) => `${role}: ${describeCounts(status[role]!)}`)
    .join("; ");
  return {
    state,
    phase,
    reason: state === "Failed" ? (phase ?? "Failed") : null,
    message: roles ? `${status.mode ? `${status.mode} · ` : ""}${roles}` : null,
    startedAt: status.startTime ? new Date(status.startTime) : null,
    finishedAt: status.completionTime ? new Date(status.completionTime) : null,
  };
}

function describeCounts(role: RoleStatus): string {
  return (["running", "pending", "starting", "succeeded", "failed", "unknown"] as const)
    .filter((key) => (role[key] ?? 0) > 0)
    .map((key) => `${role[key]} ${key}`)
    .join(", ") || "no pods";
}
