import { HeadBucketCommand } from "@aws-sdk/client-s3";
import { ListTrainingJobsCommand } from "@aws-sdk/client-sagemaker";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { runConnectionCheck } from "../connection-check";
import type { ConnectionCheck, ResolvedTarget } from "../types";
import { createAwsClients, endpointFor, type AwsService } from "./aws-clients";
import { describeAwsError } from "./aws-errors";
import { parseS3Uri } from "./s3-uri";

type SagemakerTarget = Extract<ResolvedTarget, { kind: "sagemaker" }>;

// A check must fail in seconds on a dead endpoint: one retry, short connect and answer deadlines.
// Without throwOnRequestTimeout the SDK's HTTP handler only logs a warning and keeps waiting.
const CHECK_TUNING = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 2_000, requestTimeout: 3_000, throwOnRequestTimeout: true },
};

/**
 * "Test connection": three cheap real calls, each proving one thing — who the credentials are
 * (STS GetCallerIdentity: valid, not expired), that they may use SageMaker in the target's region
 * (a one-item ListTrainingJobs), and that the S3 prefix's bucket is there for them (HeadBucket).
 * Each failure is explained: expired session, the missing permission by name, the wrong region.
 */
export function checkSagemakerTarget(target: SagemakerTarget, options?: { signal?: AbortSignal }): Promise<ConnectionCheck> {
  const { config } = target;
  const { region } = config;
  const send = options?.signal ? { abortSignal: options.signal } : {};
  const context = (service: string, key: AwsService, extra: { action?: string; subject?: string } = {}) => ({
    service,
    region,
    endpoint: endpointFor(config, key),
    ...extra,
  });
  const clients = createAwsClients(config, target.secrets, CHECK_TUNING);
  let summary = "";
  const probe = (name: string, run: () => Promise<string>, errorContext: Parameters<typeof describeAwsError>[1]) => ({
    name,
    run: async () => {
      try {
        return await run();
      } catch (error) {
        throw new Error(describeAwsError(error, errorContext));
      }
    },
  });

  return runConnectionCheck(
    [
      probe(
        "AWS identity",
        async () => {
          const me = await clients.sts.send(new GetCallerIdentityCommand({}), send);
          const roleAccount = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(config.roleArn)?.[1];
          const note = roleAccount && me.Account && roleAccount !== me.Account ? `; the execution role belongs to account ${roleAccount}` : "";
          return `${me.Arn} (account ${me.Account})${note}`;
        },
        context("STS", "sts", { action: "sts:GetCallerIdentity" }),
      ),
      probe(
        "SageMaker API",
        async () => {
          const page = await clients.sagemaker.send(new ListTrainingJobsCommand({ MaxResults: 1 }), send);
          summary = `SageMaker reachable in ${region}, ${describeCount(page.TrainingJobSummaries?.length ?? 0, page.NextToken)}`;
          return summary;
        },
        context("SageMaker", "sagemaker", { action: "sagemaker:ListTrainingJobs" }),
      ),
      probe(
        "S3 prefix",
        async () => {
          const { bucket } = parseS3Uri(config.s3OutputPrefix);
          await clients.s3.send(new HeadBucketCommand({ Bucket: bucket }), send);
          return `${config.s3OutputPrefix} — bucket ${bucket} is reachable`;
        },
        context("S3", "s3", { action: "s3:ListBucket", subject: `bucket ${parseS3Uri(config.s3OutputPrefix).bucket}` }),
      ),
    ],
    (items) => items.find((item) => !item.ok)?.message ?? summary,
  ).finally(() => clients.destroy());
}

/**
 * The check reads one page of one job. A NextToken means the listing goes on, not that another job
 * surely exists (a token can lead to an empty page), so only what was seen is claimed.
 */
function describeCount(onPage: number, nextToken: string | undefined): string {
  if (onPage === 0) return nextToken ? "no training jobs visible on the first page" : "no training jobs visible";
  const jobs = `${onPage} training job${onPage === 1 ? "" : "s"} visible`;
  return nextToken ? `at least ${jobs}` : jobs;
}
