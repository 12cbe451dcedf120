import type { S3Client } from "@aws-sdk/client-s3";
import type { RunState } from "@/lib/generated/prisma/enums";

export type { RunState };

/** The dataset a run trains on, as the backend needs it (issue 5 fills the cache location). */
export interface RunDatasetSpec {
  name: string;
  task: "det" | "rec" | "cls";
  sourceUri: string;
  trainLabelFile: string;
  testLabelFile: string;
  dictionaryFile: string | null;
  /** Dataset version number the run is pinned to, null when the dataset was never validated. */
  version: number | null;
  /** Where the target's cache holds the data (local path, SampleSet mount, S3 prefix), if cached. */
  cacheLocation: string | null;
}

/** Everything a backend needs to start a PaddleOCR training run; the same for every target. */
export interface RunLaunchSpec {
  /** Console id of the TrainingRun. */
  runId: string;
  /** The run's name, DNS-1123; backends derive deterministic external names from it (idempotent creates). */
  name: string;
  attempt: number;
  modelName: string;
  /** PaddleOCR config path, e.g. `configs/det/ch_PP-OCRv4/ch_PP-OCRv4_det_student.yml`. */
  configPath: string;
  /** `Key.Sub=value` overrides, passed as `-o` (PaddleOCR's own syntax). */
  configChanges: string[];
  pretrainedModel: string | null;
  image: string | null;
  /** Target-specific sizes: cpu, memory, gpus, replicas, instanceType … (validated by the target's schema). */
  resources: Record<string, unknown>;
  /** Target-specific launch fields (node selector, tolerations, spot, channels, VisualDL on/off …). */
  targetOptions: Record<string, unknown>;
  dataset: RunDatasetSpec | null;
}

/** What "View request / View YAML" shows: exactly what launch() will send. */
export interface RenderedRequest {
  /** `yaml` for Kubernetes manifests, `json` for AWS requests, `shell` for a local command line. */
  language: "yaml" | "json" | "shell";
  text: string;
  /** The same request as data (manifests array, CreateTrainingJob input, argv …). */
  body: unknown;
}

/** How the console refers to a launched run when it talks to the backend again. */
export interface RunRef {
  runId: string;
  name: string;
  attempt: number;
  externalId: string | null;
  /** The request recorded at launch. */
  request: unknown;
}

export interface RunTransition {
  at: Date;
  state: RunState;
  /** The backend's own phase, verbatim (PaddleJob phase, SageMaker SecondaryStatus, process state). */
  phase: string | null;
  reason: string | null;
  message: string | null;
}

export interface RunOutputs {
  /** Where checkpoints (`Global.save_model_dir`) are written. */
  checkpointsUri?: string;
  /** Exported inference model folder or artifact (`model.tar.gz` on SageMaker). */
  inferenceModelUri?: string;
  /** The VisualDL log directory (`Global.use_visualdl`). */
  visualdlUri?: string;
  logUri?: string;
  [key: string]: unknown;
}

/** The backend's answer about one run, normalized; `phase` keeps its own word for it. */
export interface RunObservation {
  state: RunState;
  phase: string | null;
  reason?: string | null;
  message?: string | null;
  startedAt?: Date | null;
  finishedAt?: Date | null;
  exitCode?: number | null;
  exitSignal?: string | null;
  /** Final metrics the backend reports itself (SageMaker FinalMetricDataList). */
  metrics?: Record<string, number>;
  outputs?: RunOutputs;
  /** Transitions the backend keeps itself (SageMaker SecondaryStatusTransitions, PaddleJob conditions). */
  transitions?: RunTransition[];
}

export interface LogLine {
  /** Pod / log stream / `train.log` the line came from. */
  stream: string;
  text: string;
  at: Date | null;
}

export interface LogOptions {
  follow?: boolean;
  since?: Date;
  /** One stream only (a pod, a CloudWatch stream); all streams merged by time when absent. */
  stream?: string;
  /** Kubernetes: the previous container's logs. */
  previous?: boolean;
  signal?: AbortSignal;
}

/** Training on a target. The run pages and the reconciler use only this. */
export interface TrainingBackend {
  /** Whether this target can train at all, checked (e.g. "PaddleOCR not found at …"); shown on the form. */
  readiness(): Promise<{ ok: boolean; message: string }>;
  render(spec: RunLaunchSpec): Promise<RenderedRequest>;
  /** Idempotent: launching the same run name and attempt twice adopts what exists. */
  launch(spec: RunLaunchSpec): Promise<{ externalId: string; request: unknown }>;
  stop(run: RunRef): Promise<void>;
  status(run: RunRef): Promise<RunObservation>;
  /**
   * Pushes observations as the backend changes (a Kubernetes watch); absent → the reconciler polls
   * status(). Resolves when the signal aborts.
   */
  watch?(runs: () => RunRef[], onChange: (run: RunRef, observation: RunObservation) => void, signal: AbortSignal): Promise<void>;
  logStreams(run: RunRef): Promise<string[]>;
  logs(run: RunRef, options: LogOptions): AsyncIterable<LogLine>;
  outputs(run: RunRef): Promise<RunOutputs>;
  /** Removes the backend's objects; outputs (checkpoints, model) stay unless `deleteOutputs`. */
  remove(run: RunRef, options: { deleteOutputs: boolean }): Promise<void>;
  /** Where the run's VisualDL records can be read while and after it trains. */
  visualdlSource?(run: RunRef): Promise<VisualDlSource | null>;
  /** The run's own VisualDL UI, reachable only by the console's proxy (never sent to the browser). */
  visualdlProxy?(run: RunRef): Promise<VisualDlProxyTarget | null>;
  /**
   * The S3 client that reads this target's own outputs (SageMaker: the AWS account's S3), for
   * model files the registry records where they are; absent → they are in the registry's store.
   */
  artifactClient?(): S3Client;
  /** What the run runs on, for the run page: its volume and pods by role (container targets). */
  workloads?(run: RunRef): Promise<RunWorkloads>;
}

export interface RunPod {
  name: string;
  /** worker / ps for a PaddleJob's pods, else the step (export, model-hub, visualdl). */
  role: string;
  phase: string;
  restarts: number;
  containers: string[];
  node: string | null;
  startedAt: string | null;
}

export interface RunWorkloads {
  volume: { name: string; phase: string; capacity: string | null } | null;
  pods: RunPod[];
}

/** A directory of `vdlrecords.*.log` files wherever it lives (local dir, S3 prefix, a pod's volume). */
export interface VisualDlSource {
  list(): Promise<Array<{ name: string; size: number }>>;
  /** Bytes [offset, offset+length) of one file; shorter at the end of the file. */
  read(name: string, offset: number, length: number): Promise<Uint8Array>;
}

export interface VisualDlProxyTarget {
  /** Performs one HTTP request to the VisualDL server (path includes query), e.g. through the API server's service proxy. */
  fetch(path: string, init: { method: string; headers: Headers; body?: ReadableStream<Uint8Array> | null; signal?: AbortSignal }): Promise<Response>;
}
