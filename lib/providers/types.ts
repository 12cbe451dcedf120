import type { OcrResult } from "@/lib/ocr";
import type { DatasetCacheBackend } from "./dataset-cache";
import type { TrainingBackend } from "./training";
import type {
  KubernetesTargetConfig,
  KubernetesTargetSecrets,
  SagemakerTargetConfig,
  SagemakerTargetSecrets,
} from "@/lib/schemas/targets";

export type TargetKind = "local" | "kubernetes" | "sagemaker";

/** One line of a connection check: what was asked of the backend, and its real answer. */
export interface CheckItem {
  name: string;
  ok: boolean;
  message: string;
}

export interface ConnectionCheck {
  ok: boolean;
  /** One sentence for the target list, e.g. "Kubernetes v1.29.3, namespace kubeflow". */
  summary: string;
  items: CheckItem[];
  checkedAt: string;
  durationMs: number;
}

/** A target with its secrets decrypted: only ever built on the server, only handed to a provider. */
export type ResolvedTarget =
  | { name: string; kind: "local"; config: Record<string, never>; secrets: Record<string, never> }
  | { name: string; kind: "kubernetes"; config: KubernetesTargetConfig; secrets: KubernetesTargetSecrets }
  | { name: string; kind: "sagemaker"; config: SagemakerTargetConfig; secrets: SagemakerTargetSecrets };

/** What a backend needs to serve a model version as an endpoint. */
export interface EndpointDeployment {
  id: string;
  name: string;
  /** "builtin" for the PP-OCRv4 models shipped with the console, else a model version folder. */
  modelSource: string;
  params: Record<string, unknown>;
  /**
   * Container targets: the model versions behind the endpoint with their traffic share (blue/green,
   * canary). One entry when there is no split. Local serving uses `modelSource` only.
   */
  variants?: EndpointVariant[];
  /** Target-specific serving settings: image, resources, autoscaling (min/max, metric, target), deployment policy. */
  config?: Record<string, unknown>;
}

export interface EndpointVariant {
  role: "primary" | "canary";
  modelName: string;
  version: string;
  /** s3:// or minio:// URI of the version's folder or artifact. */
  storageUri: string;
  format: string | null;
  trafficPercent: number;
}

export type EndpointState = "starting" | "ready" | "failed" | "stopped";

export interface EndpointRuntime {
  state: EndpointState;
  reason: string | null;
  restarts: number;
  // What container targets add (all optional: the local target reports none of it).
  /** Where the endpoint answers, as the backend reports it (Knative's status.url); never with credentials. */
  url?: string | null;
  /** The backend's own word for where the endpoint is: SageMaker's EndpointStatus (Creating, Updating, InService …). */
  phase?: string;
  /** Knative's traffic split: each revision with its percent and tag (`default`, `canary`). */
  traffic?: Array<{ revisionName: string; percent: number; tag?: string }>;
  /** Each production variant with its current and desired weight and instance count, and its own statuses (SageMaker). */
  variants?: Array<{
    name: string;
    currentWeight: number | null;
    desiredWeight: number | null;
    currentInstanceCount: number | null;
    desiredInstanceCount: number | null;
    statuses: string[];
  }>;
}

/** Serving on a target; every result is normalized to the OCR runtime's shape. */
export interface EndpointBackend {
  deploy(endpoint: EndpointDeployment): Promise<void>;
  undeploy(endpointId: string): Promise<void>;
  status(endpointId: string): Promise<EndpointRuntime>;
  invoke(endpointId: string, image: Uint8Array, params?: Record<string, unknown>): Promise<OcrResult>;
  /** Moves traffic between the endpoint's variants (canary steps, promote, roll back) without redeploying. */
  shiftTraffic?(endpoint: EndpointDeployment): Promise<void>;
}

/**
 * What every backend offers. Pages and domain code talk to targets only through this.
 * Optional parts are absent where the console cannot do that on the target (yet).
 */
export interface Provider {
  readonly kind: TargetKind;
  /** Calls the backend for real and reports what it found; never throws for a backend failure. */
  check(options?: { signal?: AbortSignal }): Promise<ConnectionCheck>;
  /** Serving a model version as an endpoint. */
  readonly endpoints?: EndpointBackend;
  /** PaddleOCR training runs. */
  readonly training?: TrainingBackend;
  /** Copying a dataset where training on this target reads it. */
  readonly datasets?: DatasetCacheBackend;
}

export type * from "./training";
export type * from "./dataset-cache";
