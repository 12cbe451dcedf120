import type { DescribeTrainingJobCommandOutput } from "@aws-sdk/client-sagemaker";
import type { RunObservation, RunOutputs, RunState, RunTransition } from "../training";
import { consoleMetricName } from "./metric-definitions";

// How SageMaker's two status fields read as the console's run states. TrainingJobStatus says
// whether the job runs; SecondaryStatus says what it does. Unknown values are kept verbatim in
// `phase` and read by TrainingJobStatus alone.
const STARTING = new Set(["Starting", "Pending", "LaunchingMLInstances", "PreparingTrainingStack", "Downloading", "DownloadingTrainingImage"]);

export function runStateOf(status: string | undefined, secondary: string | undefined): RunState {
  switch (status) {
    case "Completed":
      return "Succeeded";
    case "Failed":
      return "Failed";
    case "Stopping":
      return "Stopping";
    case "Stopped":
    case "Deleting":
      return "Stopped";
    default:
      return secondary && STARTING.has(secondary) ? "Starting" : secondary === "Stopping" ? "Stopping" : "Running";
  }
}

/** A secondary status as a run state, for the transition history. */
function transitionState(secondary: string): RunState {
  if (secondary === "Completed") return "Succeeded";
  if (secondary === "Failed") return "Failed";
  if (secondary === "Stopping") return "Stopping";
  if (["Stopped", "MaxRuntimeExceeded", "MaxWaitTimeExceeded"].includes(secondary)) return "Stopped";
  return STARTING.has(secondary) ? "Starting" : "Running";
}

/** Everything DescribeTrainingJob says about a run, in the console's words. */
export function observeTrainingJob(job: DescribeTrainingJobCommandOutput): RunObservation {
  const state = runStateOf(job.TrainingJobStatus, job.SecondaryStatus);
  const transitions: RunTransition[] = (job.SecondaryStatusTransitions ?? []).map((transition) => ({
    at: transition.StartTime ?? new Date(0),
    state: transitionState(String(transition.Status)),
    phase: transition.Status ?? null,
    reason: null,
    message: transition.StatusMessage ?? null,
  }));
  const metrics: Record<string, number> = {};
  for (const metric of job.FinalMetricDataList ?? []) {
    if (metric.MetricName && typeof metric.Value === "number" && Number.isFinite(metric.Value)) metrics[consoleMetricName(metric.MetricName)] = metric.Value;
  }
  const stoppedByLimit = job.SecondaryStatus === "MaxRuntimeExceeded" || job.SecondaryStatus === "MaxWaitTimeExceeded";
  const last = job.SecondaryStatusTransitions?.at(-1);
  return {
    state,
    phase: job.SecondaryStatus ?? job.TrainingJobStatus ?? null,
    reason: job.FailureReason ? failureKind(job.FailureReason) : stoppedByLimit ? (job.SecondaryStatus ?? null) : null,
    message: job.FailureReason ?? last?.StatusMessage ?? null,
    startedAt: job.TrainingStartTime ?? null,
    finishedAt: job.TrainingEndTime ?? null,
    metrics,
    outputs: trainingOutputs(job),
    transitions,
  };
}

/** `AlgorithmError: …` → `AlgorithmError`; SageMaker prefixes every failure with its kind. */
function failureKind(reason: string): string {
  return /^(\w+Error|\w+Exception):/.exec(reason)?.[1] ?? "Failed";
}

export function trainingOutputs(job: DescribeTrainingJobCommandOutput): RunOutputs {
  const outputs: RunOutputs = {};
  if (job.TrainingJobStatus === "Completed" && job.ModelArtifacts?.S3ModelArtifacts) {
    outputs.inferenceModelUri = job.ModelArtifacts.S3ModelArtifacts;
    // The registry records the artifact where SageMaker left it (see register-job-model.ts).
    outputs.registrySource = { kind: "object", uri: job.ModelArtifacts.S3ModelArtifacts };
  }
  if (job.CheckpointConfig?.S3Uri) outputs.checkpointsUri = job.CheckpointConfig.S3Uri;
  if (job.TensorBoardOutputConfig?.S3OutputPath) outputs.visualdlUri = job.TensorBoardOutputConfig.S3OutputPath;
  if (job.TrainingJobName) outputs.logUri = `cloudwatch:/aws/sagemaker/TrainingJobs/${job.TrainingJobName}/`;
  if (job.TrainingJobArn) outputs.trainingJobArn = job.TrainingJobArn;
  if (typeof job.BillableTimeInSeconds === "number") outputs.billableTimeSeconds = job.BillableTimeInSeconds;
  if (typeof job.TrainingTimeInSeconds === "number") outputs.trainingTimeSeconds = job.TrainingTimeInSeconds;
  if (job.EnableManagedSpotTraining && job.BillableTimeInSeconds && job.TrainingTimeInSeconds) {
    outputs.spotSavingsPercent = Math.round((1 - job.BillableTimeInSeconds / job.TrainingTimeInSeconds) * 100);
  }
  return outputs;
}
