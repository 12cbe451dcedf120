import { createHash } from "node:crypto";

// Deterministic names and labels: launching the same run attempt twice, or a console restarted
// mid-run, finds the objects it made instead of making new ones (create-or-adopt).

export const MANAGED_BY = { "app.kubernetes.io/managed-by": "ocr-console" } as const;
export const LABEL_RUN = "ocr-console/run-id";
export const LABEL_ATTEMPT = "ocr-console/run-attempt";
export const LABEL_COMPONENT = "ocr-console/component";
export const LABEL_ENDPOINT = "ocr-console/endpoint-id";
export const LABEL_DATASET = "ocr-console/dataset-id";
export const ANNOTATION_MODEL_VERSION = "ocr-console/model-version";
export const ANNOTATION_STOP = "ocr-console/stop-requested-at";

export type RunComponent = "training" | "visualdl" | "export" | "model-hub" | "volume";

export function runLabels(runId: string, attempt: number, component: RunComponent): Record<string, string> {
  return { ...MANAGED_BY, [LABEL_RUN]: runId, [LABEL_ATTEMPT]: String(attempt), [LABEL_COMPONENT]: component };
}

/** Object names are at most 63 characters here (label values, Service and Job names). */
const MAX = 63;

/** `base` cut so that `base + suffix` fits in 63 characters, never ending in '-'. */
export function withSuffix(base: string, suffix: string): string {
  const room = MAX - suffix.length;
  const cut = base.length > room ? `${base.slice(0, room - 7).replace(/-+$/, "")}-${shortHash(base)}` : base;
  return `${cut}${suffix}`;
}

/**
 * The PaddleJob's name, which every other per-attempt object derives from: the run's name for the
 * first attempt, `<name>-<attempt>` for retries. At most 53 characters, so `<job>-model-hub` and
 * pod names like `<job>-worker-0` stay within 63.
 */
export function runBaseName(runName: string, attempt: number): string {
  const base = attempt <= 1 ? runName : `${runName}-${attempt}`;
  return base.length <= 53 ? base : `${base.slice(0, 45).replace(/-+$/, "")}-${shortHash(base)}`;
}

/** Service names must start with a letter (DNS-1035); run names may start with a digit. */
export function serviceSafe(name: string): string {
  return /^[a-z]/.test(name) ? name : `r${name}`;
}

export interface RunObjectNames {
  paddleJob: string;
  /** The VisualDL Deployment and its Service: `<name>-visualdl`. */
  visualdl: string;
  exportJob: string;
  modelHubJob: string;
}

export function runObjectNames(runName: string, attempt: number): RunObjectNames {
  const base = runBaseName(runName, attempt);
  return {
    paddleJob: base,
    visualdl: withSuffix(serviceSafe(base), "-visualdl"),
    exportJob: withSuffix(base, "-export"),
    modelHubJob: withSuffix(base, "-model-hub"),
  };
}

/** The run's shared volume (kept across retries, so a retry finds the checkpoints and downloads). */
export function runVolumeName(runName: string): string {
  return withSuffix(runName, "-task-center");
}

/** A DNS-1123 label from any text: lowercase, `[a-z0-9-]`, 63 characters at most. */
export function dnsLabel(text: string, fallback = "x"): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "");
  const label = cleaned || fallback;
  return label.length <= MAX ? label : `${label.slice(0, MAX - 7).replace(/-+$/, "")}-${shortHash(label)}`;
}

/**
 * The dataset's folder in the SampleSet (`/mnt/data-center/<folder>/`): its name as a DNS label,
 * `-v<N>` for a validated version, so two versions never overwrite each other.
 */
export function datasetFolder(name: string, version: number | null): string {
  const suffix = version === null ? "" : `-v${version}`;
  const base = dnsLabel(name, "dataset");
  // `<folder>-warmup` names the SampleJob: keep room for the longest suffix.
  const room = MAX - "-warmup".length - suffix.length;
  const cut = base.length > room ? `${base.slice(0, room - 7).replace(/-+$/, "")}-${shortHash(base)}` : base;
  return `${cut}${suffix}`;
}

export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 6);
}
