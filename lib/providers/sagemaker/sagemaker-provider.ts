import type { Provider, ResolvedTarget } from "../types";
import { sharedAwsClients, type AwsClients } from "./aws-clients";
import { checkSagemakerTarget } from "./connection-check";
import { sagemakerDatasetCache, type DatasetSyncDeps } from "./dataset-sync";
import { sagemakerEndpoints } from "./sagemaker-endpoints";
import { sagemakerTraining } from "./sagemaker-training";

type SagemakerTarget = Extract<ResolvedTarget, { kind: "sagemaker" }>;

export interface SagemakerProviderOptions {
  /** The AWS clients to use (default: the process's shared clients for this target's settings). */
  clients?: AwsClients;
  /** Pause between log passes while following a job (default 2 s). */
  logPollMs?: number;
  /** Where a dataset's files are on this machine before they go to S3 (default: the datasets domain's copy). */
  datasets?: DatasetSyncDeps;
}

const localDatasetFiles: DatasetSyncDeps = {
  async localRoot(spec, options) {
    const { localDatasetRoot } = await import("@/lib/datasets/dataset-files");
    return localDatasetRoot(spec.datasetId, options);
  },
};

/**
 * Amazon SageMaker in one account and region: datasets synced to S3 as channels, training jobs with
 * their CloudWatch logs, and real-time endpoints (blue/green updates, auto scaling, invoke).
 */
export function sagemakerProvider(target: SagemakerTarget, options: SagemakerProviderOptions = {}): Provider {
  // Cheap: the shared set makes each SDK client only when it is first used.
  const clients = options.clients ?? sharedAwsClients(target.config, target.secrets);
  return {
    kind: "sagemaker",
    check: (checkOptions) => checkSagemakerTarget(target, checkOptions),
    training: sagemakerTraining(target, clients, { logPollMs: options.logPollMs }),
    endpoints: sagemakerEndpoints(target, clients),
    datasets: sagemakerDatasetCache(target, clients, options.datasets ?? localDatasetFiles),
  };
}
