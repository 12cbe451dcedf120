import { z } from "zod";

// The Kubernetes target's own launch fields: what PaddleCloud's kfp training component takes
// (worker/PS replicas, GPUs per node, VisualDL, label files) plus the pod scheduling knobs a cluster
// needs (requests, node selector, tolerations, priority class) and the run's shared volume.

/** A Kubernetes quantity: `500m`, `4`, `8Gi`, `1.5G`. */
const quantity = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$/, "A Kubernetes quantity, e.g. 500m, 4, 8Gi");

const labelKey = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const labelValue = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

export const kubernetesResourcesSchema = z
  .object({
    /** Collective-mode trainers (`worker.replicas`). */
    workerReplicas: z.number().int().min(1, "At least one worker").max(64).default(1),
    /** Parameter servers; more than 0 switches the PaddleJob to PS mode. */
    psReplicas: z.number().int().min(0).max(64).default(0),
    /** `nvidia.com/gpu` per worker; 0 trains on the CPU (`Global.use_gpu=False`). */
    gpus: z.number().int().min(0).max(16).default(0),
    cpu: quantity.nullable().default(null),
    memory: quantity.nullable().default(null),
  })
  .strict();

export const tolerationSchema = z
  .object({
    key: z.string().trim().max(316).regex(labelKey, "Not a valid taint key").optional(),
    operator: z.enum(["Equal", "Exists"]).default("Equal"),
    value: z.string().trim().max(63).regex(labelValue, "Not a valid taint value").optional(),
    effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]).optional(),
    tolerationSeconds: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((t) => t.operator === "Exists" || t.key !== undefined, { message: "An Equal toleration needs a key", path: ["key"] })
  .refine((t) => t.operator !== "Exists" || t.value === undefined, { message: "An Exists toleration has no value", path: ["value"] });

const k8sName = z
  .string()
  .trim()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "Lowercase letters, digits, '-' and '.'");

export const kubernetesTargetOptionsSchema = z
  .object({
    /** A VisualDL Deployment `<name>-visualdl` on port 8040 and `Global.use_visualdl=True`. */
    visualdl: z.boolean().default(true),
    /** Label files inside the dataset folder; the dataset's own when empty. */
    trainLabel: z.string().trim().max(300).nullable().default(null),
    testLabel: z.string().trim().max(300).nullable().default(null),
    nodeSelector: z
      .record(z.string().regex(labelKey, "Not a valid label key"), z.string().regex(labelValue, "Not a valid label value").max(63))
      .default({}),
    tolerations: z.array(tolerationSchema).max(20).default([]),
    priorityClass: k8sName.nullable().default(null),
    /** What paddle-operator does with the pods once the job ends; Never keeps their logs readable. */
    cleanPodPolicy: z.enum(["Never", "OnCompletion", "OnFailure", "Always"]).default("Never"),
    /** How pods reach each other (paddle-operator `intranet`). */
    intranet: z.enum(["PodIP", "Service", "Host"]).default("PodIP"),
    volume: z
      .object({
        /** Reuse this existing PersistentVolumeClaim instead of creating the run's own. */
        claimName: k8sName.max(63).nullable().default(null),
        size: quantity.default("10Gi"),
        /** Overrides the target's storage class. */
        storageClass: k8sName.nullable().default(null),
      })
      .strict()
      .default({ claimName: null, size: "10Gi", storageClass: null }),
    /** Export, upload to the model hub (`model-center`) and register the model when the run succeeds. */
    registerModel: z.boolean().default(true),
    /** Image of the VisualDL Deployment (it pip-installs visualdl, as PaddleCloud's component does). */
    visualdlImage: z.string().trim().max(300).regex(/^\S+$/).default("python:3.7"),
    /** Image with paddle_serving_client for the serving conversion. */
    servingImage: z.string().trim().max(300).regex(/^\S+$/).default("registry.baidubce.com/paddleflow-public/serving:v0.6.2"),
    /** Image with `mc` for the model hub upload. */
    modelHubImage: z.string().trim().max(300).regex(/^\S+$/).default("xiaolao/model-uploader:latest"),
  })
  .strict();

export const kubernetesRunOptionsSchema = z.object({
  resources: kubernetesResourcesSchema.default({ workerReplicas: 1, psReplicas: 0, gpus: 0, cpu: null, memory: null }),
  targetOptions: kubernetesTargetOptionsSchema.default(kubernetesTargetOptionsSchema.parse({})),
});

export type KubernetesRunOptions = z.infer<typeof kubernetesRunOptionsSchema>;
export type KubernetesResources = z.infer<typeof kubernetesResourcesSchema>;
export type KubernetesTargetOptions = z.infer<typeof kubernetesTargetOptionsSchema>;

/** The images PaddleCloud publishes for PaddleOCR: the seed's GPU image, the CPU one from its docs. */
export const DEFAULT_TRAINING_IMAGE = {
  gpu: "registry.baidubce.com/paddleflow-public/paddleocr:2.1.3-gpu-cuda10.2-cudnn7",
  cpu: "paddlecloud/paddleocr:2.5-cpu-efbb0a",
} as const;
