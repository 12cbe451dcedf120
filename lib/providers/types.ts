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

/**
 * What every backend offers. Pages and domain code talk to targets only through this.
 * Later issues add datasets caching, training, serving; the skeleton needs the check.
 */
export interface Provider {
  readonly kind: TargetKind;
  /** Calls the backend for real and reports what it found; never throws for a backend failure. */
  check(options?: { signal?: AbortSignal }): Promise<ConnectionCheck>;
}
