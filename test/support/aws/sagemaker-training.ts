import { createGzip } from "node:zlib";
import { pack } from "tar-stream";
import type { FakeAccount } from "./account";
import { AwsServiceError } from "./aws-error";
import type { FakeTiming } from "./clock";
import type { FakeLogStore } from "./cloudwatch-logs";
import { paddleOcrTrainingLog, taskOfConfig } from "./paddleocr-log";
import type { FakeS3Backend } from "./s3-backend";

export type TrainingJobStatus = "InProgress" | "Completed" | "Failed" | "Stopping" | "Stopped" | "Deleting";

export const TRAINING_LOG_GROUP = "/aws/sagemaker/TrainingJobs";

/** How a job the fake runs ends, unless it is stopped first. */
export interface TrainingOutcome {
  outcome: "Completed" | "Failed";
  /** What the container writes to /opt/ml/output/failure (and prints last). */
  failure?: string;
  /** How far into the Training step it fails (0..1, default 0.5). */
  failAt?: number;
}

interface Segment {
  status: string;
  start: number;
  message: string;
}

/** One training job in the fake account. Jobs added with a fixed `status` never move (for list tests). */
export interface FakeTrainingJob {
  name: string;
  arn: string;
  status: TrainingJobStatus;
  secondaryStatus?: string;
  creationTime: Date;
  lastModifiedTime: Date;
  trainingEndTime?: Date;
  /** The CreateTrainingJob input, for jobs created through the API. */
  request?: Record<string, unknown>;
  /** The planned lifecycle, for jobs created through the API. */
  plan?: Segment[];
  stopAt?: number;
  /** FailureReason once it fails: `AlgorithmError: ` and the first 1,024 bytes of the failure file. */
  failureReason?: string;
  streams?: string[];
  outputsWritten?: boolean;
}

export interface TrainingJobsOptions {
  account: FakeAccount;
  timing: FakeTiming;
  logs: FakeLogStore;
  s3?: FakeS3Backend;
  /** Tags by resource ARN, shared with the rest of the fake SageMaker (ListTags, AddTags). */
  tags: Map<string, Array<{ Key: string; Value: string }>>;
  /** Decides each new job's ending (default: every job completes). */
  outcome(request: Record<string, unknown>): TrainingOutcome;
}

const TERMINAL = new Set(["Completed", "Failed", "Stopped", "MaxRuntimeExceeded", "MaxWaitTimeExceeded"]);

export function createTrainingJobs(options: TrainingJobsOptions) {
  const { account, timing, logs } = options;
  const jobs: FakeTrainingJob[] = [];
  const arnOf = (name: string) => `arn:aws:sagemaker:${account.region}:${account.accountId}:training-job/${name.toLowerCase()}`;
  const find = (name: unknown) => {
    const job = jobs.find((candidate) => candidate.name === name);
    if (!job) throw new AwsServiceError("ResourceNotFound", "Requested resource not found.");
    return job;
  };

  /** The job's segments as they stand now, with a stop folded in. */
  function segments(job: FakeTrainingJob): Segment[] {
    const plan = job.plan ?? [];
    if (job.stopAt === undefined) return plan;
    const before = plan.filter((segment) => segment.start < job.stopAt!);
    if (TERMINAL.has(before.at(-1)?.status ?? "")) return plan;
    return [
      ...before,
      { status: "Stopping", start: job.stopAt, message: "Stopping the training job" },
      { status: "Stopped", start: job.stopAt + timing.trainingStepMs, message: "Training job stopped" },
    ];
  }

  function observe(job: FakeTrainingJob) {
    if (!job.plan) {
      return { status: job.status, secondary: job.secondaryStatus, seen: [] as Segment[], all: [] as Segment[] };
    }
    const now = account.clock.now();
    const all = segments(job);
    const seen = all.filter((segment) => segment.start <= now);
    const current = seen.at(-1)!;
    const status: TrainingJobStatus =
      current.status === "Completed"
        ? "Completed"
        : current.status === "Failed"
          ? "Failed"
          : current.status === "Stopping"
            ? "Stopping"
            : TERMINAL.has(current.status)
              ? "Stopped"
              : "InProgress";
    job.status = status;
    job.secondaryStatus = current.status;
    job.lastModifiedTime = new Date(current.start);
    if (TERMINAL.has(current.status)) job.trainingEndTime = new Date(current.start);
    return { status, secondary: current.status, seen, all };
  }

  /** Uploads what the container left behind once the job got that far (model, checkpoints, VisualDL records). */
  async function settle(job: FakeTrainingJob): Promise<void> {
    const { seen } = observe(job);
    if (!options.s3 || !job.request || job.outputsWritten) return;
    const statuses = seen.map((segment) => segment.status);
    if (!statuses.includes("Uploading") && !TERMINAL.has(statuses.at(-1) ?? "")) return;
    if (!statuses.includes("Training")) return;
    job.outputsWritten = true;
    const request = job.request;
    const output = (request.OutputDataConfig as { S3OutputPath: string }).S3OutputPath.replace(/\/$/, "");
    if (statuses.includes("Uploading")) {
      await options.s3.put(`${output}/${job.name}/output/model.tar.gz`, await modelTarball(job.name), "application/x-tar");
    }
    const checkpoint = request.CheckpointConfig as { S3Uri: string } | undefined;
    if (checkpoint) await options.s3.put(`${checkpoint.S3Uri.replace(/\/$/, "")}/latest.pdparams`, "fake checkpoint weights");
    const tensorboard = request.TensorBoardOutputConfig as { S3OutputPath: string } | undefined;
    if (tensorboard) {
      await options.s3.put(`${tensorboard.S3OutputPath.replace(/\/$/, "")}/vdlrecords.${Math.floor(job.creationTime.getTime() / 1000)}.log`, "fake VisualDL records");
    }
  }

  async function create(input: Record<string, unknown>) {
    const name = input.TrainingJobName as string;
    if (jobs.some((job) => job.name === name)) {
      throw new AwsServiceError(
        "ResourceInUse",
        `Training job names must be unique within an AWS account and region, and a training job with this name already exists (${arnOf(name)})`,
      );
    }
    validateTrainingRequest(input, account);
    const now = account.clock.now();
    const outcome = options.outcome(input);
    const missing = await missingChannel(input);
    const step = timing.trainingStepMs;
    const t = { downloading: now + step, training: now + 2 * step, uploading: now + 2 * step + timing.trainingMs };
    const plan: Segment[] = [
      { status: "Starting", start: now, message: "Preparing the instances for training" },
      { status: "Downloading", start: t.downloading, message: "Downloading input data" },
    ];
    let trainingEnd = t.uploading;
    let failure: { at: number; error: string } | undefined;
    let failureReason: string | undefined;
    if (missing) {
      plan.push({ status: "Failed", start: t.training, message: "Training job failed" });
      failureReason = missing;
    } else {
      plan.push({ status: "Training", start: t.training, message: "Training image download completed. Training in progress." });
      const stopping = input.StoppingCondition as { MaxRuntimeInSeconds?: number } | undefined;
      const limitAt = stopping?.MaxRuntimeInSeconds ? t.downloading + stopping.MaxRuntimeInSeconds * timing.secondMs : Infinity;
      if (outcome.outcome === "Failed") {
        const at = outcome.failAt ?? 0.5;
        trainingEnd = t.training + timing.trainingMs * at;
        failure = { at, error: lastLine(outcome.failure ?? "RuntimeError: training failed") };
        failureReason = `AlgorithmError: ${outcome.failure ?? "RuntimeError: training failed"}`;
        plan.push({ status: "Failed", start: trainingEnd + 10, message: "Training job failed" });
      } else if (limitAt < t.uploading + step) {
        trainingEnd = Math.max(t.training + 1, limitAt);
        plan.push({ status: "MaxRuntimeExceeded", start: trainingEnd, message: "Job stopped because max run time exceeded" });
      } else {
        plan.push({ status: "Uploading", start: t.uploading, message: "Uploading generated training model" });
        plan.push({ status: "Completed", start: t.uploading + step, message: "Training job completed" });
      }
    }
    const job: FakeTrainingJob = {
      name,
      arn: arnOf(name),
      status: "InProgress",
      secondaryStatus: "Starting",
      creationTime: new Date(now),
      lastModifiedTime: new Date(now),
      request: input,
      plan,
      ...(failureReason ? { failureReason: Buffer.from(failureReason).subarray(0, 1024).toString("utf8") } : {}),
      streams: [],
    };
    jobs.push(job);
    if (input.Tags) options.tags.set(job.arn, input.Tags as Array<{ Key: string; Value: string }>);
    logs.createGroup(TRAINING_LOG_GROUP);
    // The container prints as if it ran to the end; whatever comes after it died or hit its limit is cut.
    if (!missing) writeContainerLogs(job, input, { start: t.training + 5, end: failure ? trainingEnd : t.uploading, cutAt: trainingEnd + 10, failure });
    return { TrainingJobArn: job.arn };
  }

  function writeContainerLogs(
    job: FakeTrainingJob,
    input: Record<string, unknown>,
    window: { start: number; end: number; cutAt: number; failure?: { at: number; error: string } },
  ) {
    const resources = input.ResourceConfig as { InstanceCount?: number } | undefined;
    const hyperparameters = (input.HyperParameters ?? {}) as Record<string, string>;
    const configPath = hyperparameters.config ?? hyperparameters.config_path ?? "configs/det/det_mv3_db.yml";
    const configChanges = Object.entries(hyperparameters)
      .filter(([key]) => /^[A-Za-z_]\w*(\.\w+)+$/.test(key))
      .map(([key, value]) => `${key}=${value}`);
    const epochs = Math.min(20, Math.max(1, Number(hyperparameters["Global.epoch_num"] ?? hyperparameters.epochs ?? 5) || 5));
    const hosts = paddleOcrTrainingLog({
      hosts: Math.min(4, Math.max(1, resources?.InstanceCount ?? 1)),
      start: window.start,
      end: window.end,
      task: taskOfConfig(configPath),
      epochs,
      configPath,
      configChanges,
      ...(window.failure ? { failure: { at: 1, error: window.failure.error } } : {}),
    });
    hosts.forEach((events, i) => {
      if (events.length === 0) return;
      const stream = `${job.name}/algo-${i + 1}-${Math.floor(events[0]!.timestamp / 1000)}`;
      logs.write(TRAINING_LOG_GROUP, stream, events);
      logs.cut(TRAINING_LOG_GROUP, stream, window.cutAt);
      job.streams!.push(stream);
    });
  }

  async function missingChannel(input: Record<string, unknown>): Promise<string | undefined> {
    if (!options.s3) return undefined;
    for (const channel of (input.InputDataConfig ?? []) as Array<{ DataSource: { S3DataSource?: { S3Uri: string } } }>) {
      const uri = channel.DataSource.S3DataSource?.S3Uri;
      if (!uri || (await options.s3.hasObjects(uri))) continue;
      const bucket = uri.replace(/^s3:\/\//, "").split("/")[0];
      return `ClientError: No S3 objects found under S3 URL "${uri}" given in input data source. Please ensure that the bucket exists in the selected region (${account.region}), that objects exist under that S3 prefix, and that the role "${String(input.RoleArn)}" has "s3:ListBucket" permissions on bucket "${bucket}".`;
    }
    return undefined;
  }

  function describe(job: FakeTrainingJob) {
    const { status, secondary, seen, all } = observe(job);
    const request = job.request ?? {};
    const transitions = seen.map((segment, i) => {
      const next = all[i + 1];
      const ended = next && next.start <= account.clock.now();
      return {
        Status: segment.status,
        StartTime: seconds(segment.start),
        ...(ended ? { EndTime: seconds(next.start) } : {}),
        StatusMessage: segment.message,
      };
    });
    const downloading = seen.find((segment) => segment.status === "Downloading");
    const end = job.trainingEndTime?.getTime();
    const trainingSeconds = downloading && end ? Math.max(1, Math.ceil((end - downloading.start) / timing.secondMs)) : undefined;
    const spot = request.EnableManagedSpotTraining === true;
    const output = (request.OutputDataConfig as { S3OutputPath?: string } | undefined)?.S3OutputPath?.replace(/\/$/, "") ?? "s3://unknown";
    const failureReason = job.failureReason;
    const metrics = finalMetrics(job);
    return {
      TrainingJobName: job.name,
      TrainingJobArn: job.arn,
      TrainingJobStatus: status,
      SecondaryStatus: secondary ?? "Starting",
      CreationTime: seconds(job.creationTime.getTime()),
      LastModifiedTime: seconds(job.lastModifiedTime.getTime()),
      ...(downloading ? { TrainingStartTime: seconds(downloading.start) } : {}),
      ...(end ? { TrainingEndTime: seconds(end) } : {}),
      ...(trainingSeconds ? { TrainingTimeInSeconds: trainingSeconds, BillableTimeInSeconds: spot ? Math.max(1, Math.ceil(trainingSeconds * 0.3)) : trainingSeconds } : {}),
      ModelArtifacts: { S3ModelArtifacts: `${output}/${job.name}/output/model.tar.gz` },
      StoppingCondition: request.StoppingCondition ?? { MaxRuntimeInSeconds: 86_400 },
      ...(status === "Failed" && failureReason ? { FailureReason: failureReason } : {}),
      ...(transitions.length > 0 ? { SecondaryStatusTransitions: transitions } : {}),
      ...(metrics.length > 0 ? { FinalMetricDataList: metrics } : {}),
      ...pick(request, [
        "AlgorithmSpecification",
        "RoleArn",
        "InputDataConfig",
        "OutputDataConfig",
        "ResourceConfig",
        "HyperParameters",
        "CheckpointConfig",
        "TensorBoardOutputConfig",
        "EnableManagedSpotTraining",
        "Environment",
        "VpcConfig",
      ]),
    };
  }

  /** What SageMaker extracts with the job's metric definitions: the last match of each regex, across all hosts. */
  function finalMetrics(job: FakeTrainingJob) {
    const definitions = ((job.request?.AlgorithmSpecification as { MetricDefinitions?: Array<{ Name: string; Regex: string }> } | undefined)?.MetricDefinitions ?? []);
    if (definitions.length === 0 || !job.streams) return [];
    const lines = job.streams.flatMap((stream) => logs.events(TRAINING_LOG_GROUP, stream)).sort((a, b) => a.timestamp - b.timestamp);
    const metrics: Array<{ MetricName: string; Value: number; Timestamp: number }> = [];
    for (const definition of definitions) {
      let regex: RegExp;
      try {
        regex = new RegExp(definition.Regex);
      } catch {
        continue;
      }
      let last: { value: number; at: number } | undefined;
      for (const line of lines) {
        const value = Number(regex.exec(line.message)?.[1]);
        if (Number.isFinite(value)) last = { value, at: line.timestamp };
      }
      if (last) metrics.push({ MetricName: definition.Name, Value: last.value, Timestamp: seconds(last.at) });
    }
    return metrics;
  }

  return {
    jobs,
    find,
    observe,
    addTrainingJob(job: Pick<FakeTrainingJob, "name"> & Partial<FakeTrainingJob>): FakeTrainingJob {
      const now = new Date(account.clock.now());
      const full: FakeTrainingJob = { arn: arnOf(job.name), status: "InProgress", creationTime: now, lastModifiedTime: job.creationTime ?? now, ...job };
      jobs.push(full);
      return full;
    },
    handlers: {
      CreateTrainingJob: (input: Record<string, unknown>) => create(input),
      async DescribeTrainingJob(input: Record<string, unknown>) {
        const job = find(input.TrainingJobName);
        await settle(job);
        return describe(job);
      },
      StopTrainingJob(input: Record<string, unknown>) {
        const job = find(input.TrainingJobName);
        const { status } = observe(job);
        if (status === "Stopping") return {};
        if (status !== "InProgress") {
          throw new AwsServiceError("ValidationException", `The request was rejected because the training job is in status ${status}.`);
        }
        if (!job.plan) {
          job.status = "Stopping";
          return {};
        }
        job.stopAt = account.clock.now();
        for (const stream of job.streams ?? []) logs.cut(TRAINING_LOG_GROUP, stream, job.stopAt);
        return {};
      },
      async ListTrainingJobs(input: Record<string, unknown>) {
        for (const job of jobs) await settle(job);
        return listTrainingJobs(jobs, input);
      },
    },
  };
}

export type FakeTrainingJobs = ReturnType<typeof createTrainingJobs>;

/** Rules CreateTrainingJob enforces beyond the model's shapes, in the service's words. */
function validateTrainingRequest(input: Record<string, unknown>, account: FakeAccount): void {
  const fail = (message: string) => {
    throw new AwsServiceError("ValidationException", message);
  };
  const role = String(input.RoleArn);
  if (!role.includes(`::${account.accountId}:role/`)) {
    fail(`Could not assume role ${role}. Please ensure that the role exists and allows principal 'sagemaker.amazonaws.com' to assume the role.`);
  }
  const algorithm = input.AlgorithmSpecification as { TrainingImage?: string; AlgorithmName?: string } | undefined;
  if (!algorithm || (!algorithm.TrainingImage && !algorithm.AlgorithmName)) {
    fail("Please provide either TrainingImage or AlgorithmName in AlgorithmSpecification.");
  }
  const resources = input.ResourceConfig as { InstanceType?: string; InstanceCount?: number; VolumeSizeInGB?: number } | undefined;
  if (!resources?.InstanceType || !resources.InstanceCount) fail("ResourceConfig must specify InstanceType and InstanceCount.");
  const stopping = (input.StoppingCondition ?? {}) as { MaxRuntimeInSeconds?: number; MaxWaitTimeInSeconds?: number };
  if (input.EnableManagedSpotTraining === true) {
    if (stopping.MaxWaitTimeInSeconds === undefined) fail("Invalid MaxWaitTimeInSeconds. It must be present when EnableManagedSpotTraining is true.");
    if (stopping.MaxRuntimeInSeconds !== undefined && stopping.MaxWaitTimeInSeconds! < stopping.MaxRuntimeInSeconds) {
      fail("Invalid MaxWaitTimeInSeconds. It must be greater than or equal to MaxRuntimeInSeconds.");
    }
  } else if (stopping.MaxWaitTimeInSeconds !== undefined) {
    fail("Invalid MaxWaitTimeInSeconds. It can only be set when EnableManagedSpotTraining is true.");
  }
  const channels = ((input.InputDataConfig ?? []) as Array<{ ChannelName: string }>).map((channel) => channel.ChannelName);
  if (new Set(channels).size !== channels.length) fail("Channel names must be unique.");
}

function listTrainingJobs(jobs: FakeTrainingJob[], input: Record<string, unknown>) {
  const contains = typeof input.NameContains === "string" ? input.NameContains.toLowerCase() : undefined;
  const after = (field: unknown) => (typeof field === "number" ? field * 1000 : undefined);
  const bounds = {
    createdAfter: after(input.CreationTimeAfter),
    createdBefore: after(input.CreationTimeBefore),
    modifiedAfter: after(input.LastModifiedTimeAfter),
    modifiedBefore: after(input.LastModifiedTimeBefore),
  };
  const matching = jobs.filter(
    (job) =>
      (contains === undefined || job.name.toLowerCase().includes(contains)) &&
      (input.StatusEquals === undefined || job.status === input.StatusEquals) &&
      (bounds.createdAfter === undefined || job.creationTime.getTime() > bounds.createdAfter) &&
      (bounds.createdBefore === undefined || job.creationTime.getTime() < bounds.createdBefore) &&
      (bounds.modifiedAfter === undefined || job.lastModifiedTime.getTime() > bounds.modifiedAfter) &&
      (bounds.modifiedBefore === undefined || job.lastModifiedTime.getTime() < bounds.modifiedBefore),
  );
  const sortBy = (input.SortBy as string | undefined) ?? "CreationTime";
  const direction = input.SortOrder === "Ascending" ? 1 : -1;
  const key = (job: FakeTrainingJob) => (sortBy === "Name" ? job.name : sortBy === "Status" ? job.status : job.creationTime.toISOString());
  matching.sort((a, b) => direction * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

  const start = decodeToken(input.NextToken);
  const limit = typeof input.MaxResults === "number" ? input.MaxResults : 10;
  const page = matching.slice(start, start + limit);
  const next = start + limit < matching.length ? encodeToken(start + limit) : undefined;
  return {
    TrainingJobSummaries: page.map((job) => ({
      TrainingJobName: job.name,
      TrainingJobArn: job.arn,
      CreationTime: seconds(job.creationTime.getTime()),
      LastModifiedTime: seconds(job.lastModifiedTime.getTime()),
      ...(job.trainingEndTime ? { TrainingEndTime: seconds(job.trainingEndTime.getTime()) } : {}),
      TrainingJobStatus: job.status,
      ...(job.secondaryStatus ? { SecondaryStatus: job.secondaryStatus } : {}),
    })),
    ...(next ? { NextToken: next } : {}),
  };
}

/** The artifact a PaddleOCR container leaves in /opt/ml/model: an exported inference model. */
async function modelTarball(jobName: string): Promise<Buffer> {
  const archive = pack();
  archive.entry({ name: "inference.pdmodel" }, `fake program of ${jobName}`);
  archive.entry({ name: "inference.pdiparams" }, "fake parameters");
  archive.entry({ name: "inference.yml" }, "PreProcess:\n  transform_ops: []\n");
  archive.finalize();
  const chunks: Buffer[] = [];
  const gzip = archive.pipe(createGzip());
  for await (const chunk of gzip) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** awsJson timestamps for SageMaker: fractional epoch seconds. */
export function seconds(epochMs: number): number {
  return epochMs / 1000;
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1) ?? text;
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

// Opaque to clients, like the real ones; here simply the offset of the next page.
export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64");
}

export function decodeToken(token: unknown): number {
  if (token === undefined || token === "") return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(String(token), "base64").toString("utf8")) as { offset?: unknown };
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the service's answer for a token it did not issue
  }
  throw new AwsServiceError("ValidationException", "Invalid pagination token.");
}
