import type { OcrResult } from "@/lib/ocr";
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
}

export type EndpointState = "starting" | "ready" | "failed" | "stopped";

export interface EndpointRuntime {
  state: EndpointState;
  reason: string | null;
  restarts: number;
}

/** Serving on a target; every result is normalized to the OCR runtime's shape. */
export interface EndpointBackend {
  deploy(endpoint: EndpointDeployment): Promise<void>;
  undeploy(endpointId: string): Promise<void>;
  status(endpointId: string): Promise<EndpointRuntime>;
  invoke(endpointId: string, image: Uint8Array, params?: Record<string, unknown>): Promise<OcrResult>;
}

/**
 * What every backend offers. Pages and domain code talk to targets only through this.
 * Later issues add datasets caching, training, serving; the skeleton needs the check.
 */
export interface Provider {
  readonly kind: TargetKind;
  /** Calls the backend for real and reports what it found; never throws for a backend failure. */
  check(options?: { signal?: AbortSignal }): Promise<ConnectionCheck>;
  /** Serving; absent where this console cannot serve on the target yet. */
  readonly endpoints?: EndpointBackend;
}
