import type { S3Client } from "@aws-sdk/client-s3";
import {
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  StopTrainingJobCommand,
  type DescribeTrainingJobCommandOutput,
} from "@aws-sdk/client-sagemaker";
import { ConsoleError } from "@/lib/errors/console-error";
import { s3PrefixSource } from "@/lib/visualdl/sources/s3-prefix";
import type { ResolvedTarget } from "../types";
import type { RunObservation, RunRef, TrainingBackend } from "../training";
import type { AwsClients } from "./aws-clients";
import { awsConsoleError, describeAwsError } from "./aws-errors";
import { trainingJobName } from "./names";
import { deletePrefix } from "./s3-objects";
import { parseS3Uri } from "./s3-uri";
import { trainingJobLogs, trainingLogStreams } from "./training-logs";
import { RUN_ID_TAG, trainingJobRequest } from "./training-request";
import { observeTrainingJob, trainingOutputs } from "./training-status";

type SagemakerTarget = Extract<ResolvedTarget, { kind: "sagemaker" }>;

/** Training on SageMaker, plus what the registry needs to record its artifacts where they are. */
export interface SagemakerTrainingBackend extends TrainingBackend {
  /** The S3 client that reads this target's outputs (its account, region, endpoint and keys). */
  artifactClient(): S3Client;
}

const FINISHED = new Set(["Completed", "Failed", "Stopped"]);

/**
 * PaddleOCR training as SageMaker training jobs. Nothing is kept in this process: every answer
 * comes from DescribeTrainingJob and CloudWatch Logs, so a fresh provider after a console restart
 * picks a run up where the backend is.
 */
export function sagemakerTraining(target: SagemakerTarget, clients: AwsClients, options: { logPollMs?: number } = {}): SagemakerTrainingBackend {
  const { config } = target;
  const context = { service: "SageMaker", region: config.region, endpoint: config.sagemakerEndpoint ?? config.endpointOverride };
  const jobOf = (run: RunRef) => run.externalId ?? trainingJobName(run.name, run.attempt);

  async function describe(name: string): Promise<DescribeTrainingJobCommandOutput | null> {
    try {
      return await clients.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
    } catch (error) {
      if ((error as Error).name === "ResourceNotFound") return null;
      throw awsConsoleError(error, context, `Reading training job ${name} failed`);
    }
  }

  return {
    artifactClient: () => clients.s3,

    async readiness() {
      try {
        await clients.sagemaker.send(new ListTrainingJobsCommand({ MaxResults: 1 }));
        const image = config.trainingImage ? `default training image ${config.trainingImage}` : "give each run a training image";
        return { ok: true, message: `SageMaker in ${config.region}; ${image}.` };
      } catch (error) {
        return { ok: false, message: describeAwsError(error, context) };
      }
    },

    async render(spec) {
      const body = trainingJobRequest(spec, config);
      return { language: "json", text: JSON.stringify(body, null, 2), body };
    },

    async launch(spec) {
      const request = trainingJobRequest(spec, config);
      const name = request.TrainingJobName!;
      try {
        await clients.sagemaker.send(new CreateTrainingJobCommand(request));
      } catch (error) {
        if ((error as Error).name !== "ResourceInUse") throw awsConsoleError(error, context, `SageMaker refused training job ${name}`);
        // The name exists: a repeated launch of this run (a retry, a restart) adopts its own job.
        const existing = await describe(name);
        const tags = existing?.TrainingJobArn ? (await clients.sagemaker.send(new ListTagsCommand({ ResourceArn: existing.TrainingJobArn }))).Tags : [];
        const owner = tags?.find((tag) => tag.Key === RUN_ID_TAG)?.Value;
        if (owner !== spec.runId) {
          throw new ConsoleError(
            "conflict",
            `A training job named ${name} already exists in ${config.region} and was not started by this run. SageMaker never reuses job names: rename the run.`,
            { name: ["Taken by another training job in this AWS account"] },
          );
        }
      }
      return { externalId: name, request };
    },

    async stop(run) {
      const name = jobOf(run);
      try {
        await clients.sagemaker.send(new StopTrainingJobCommand({ TrainingJobName: name }));
      } catch (error) {
        const { name: kind, message } = error as Error;
        // Already over or never made: there is nothing left to stop.
        if (kind === "ResourceNotFound" || (kind === "ValidationException" && /in status (Completed|Failed|Stopped|Stopping)/.test(message))) return;
        throw awsConsoleError(error, context, `Stopping training job ${name} failed`);
      }
    },

    async status(run): Promise<RunObservation> {
      const name = jobOf(run);
      const job = await describe(name);
      if (!job) {
        return { state: "Failed", phase: null, reason: "TrainingJobNotFound", message: `SageMaker has no training job ${name} in ${config.region}.` };
      }
      return observeTrainingJob(job);
    },

    async logStreams(run) {
      return trainingLogStreams(clients.logs, jobOf(run));
    },

    logs(run, logOptions) {
      const name = jobOf(run);
      return trainingJobLogs(clients.logs, name, {
        ...logOptions,
        pollMs: options.logPollMs,
        finished: async () => {
          const job = await describe(name);
          return !job || FINISHED.has(String(job.TrainingJobStatus));
        },
      });
    },

    async outputs(run) {
      const job = await describe(jobOf(run));
      return job ? trainingOutputs(job) : {};
    },

    async remove(run, { deleteOutputs }) {
      // SageMaker keeps training jobs forever (there is no delete); stopping is all there is to do.
      const name = jobOf(run);
      const job = await describe(name);
      if (job && (job.TrainingJobStatus === "InProgress" || job.TrainingJobStatus === "Stopping")) await this.stop(run);
      if (!deleteOutputs || !job) return;
      const prefixes = [
        job.OutputDataConfig?.S3OutputPath ? `${job.OutputDataConfig.S3OutputPath.replace(/\/$/, "")}/${name}/` : null,
        job.CheckpointConfig?.S3Uri ?? null,
        job.TensorBoardOutputConfig?.S3OutputPath ?? null,
      ].filter((uri): uri is string => uri !== null);
      for (const uri of prefixes) await deletePrefix(clients, uri);
    },

    async visualdlSource(run) {
      const job = await describe(jobOf(run));
      const uri = job?.TensorBoardOutputConfig?.S3OutputPath;
      if (!uri) return null;
      const { bucket, key } = parseS3Uri(uri);
      return s3PrefixSource(clients.s3, bucket, key);
    },
  };
}
