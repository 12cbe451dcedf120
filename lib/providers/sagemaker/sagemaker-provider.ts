import { ListTrainingJobsCommand } from "@aws-sdk/client-sagemaker";
import { runConnectionCheck } from "../connection-check";
import type { Provider, ResolvedTarget } from "../types";
import { describeAwsError } from "./aws-errors";
import { createSagemakerClient } from "./sagemaker-client";

type SagemakerTarget = Extract<ResolvedTarget, { kind: "sagemaker" }>;

// A check must fail in seconds on a dead endpoint: one retry, short connect and answer deadlines.
// Without throwOnRequestTimeout the SDK's HTTP handler only logs a warning and keeps waiting.
const CHECK_CLIENT = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 2_000, requestTimeout: 3_000, throwOnRequestTimeout: true },
};

/** Amazon SageMaker in one account and region: training jobs and real-time endpoints. */
export function sagemakerProvider(target: SagemakerTarget): Provider {
  return {
    kind: "sagemaker",
    check(options) {
      const { region } = target.config;
      let summary = "";
      return runConnectionCheck(
        [
          {
            name: "SageMaker API",
            run: async () => {
              const client = createSagemakerClient(target.config, target.secrets, CHECK_CLIENT);
              try {
                const page = await client.send(
                  new ListTrainingJobsCommand({ MaxResults: 1 }),
                  options?.signal ? { abortSignal: options.signal } : {},
                );
                summary = `SageMaker reachable in ${region}, ${describeCount(page.TrainingJobSummaries?.length ?? 0, page.NextToken)}`;
                return summary;
              } catch (error) {
                throw new Error(describeAwsError(error, { service: "SageMaker", endpoint: target.config.endpointOverride, region }));
              } finally {
                client.destroy();
              }
            },
          },
        ],
        (items) => items.find((item) => !item.ok)?.message ?? summary,
      );
    },
  };
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
