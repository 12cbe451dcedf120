import type { SagemakerTargetConfig } from "@/lib/schemas/targets";
import { asFolder, joinS3 } from "./s3-uri";

// Where the console puts things under a sagemaker target's S3 prefix. One place, so the training
// request, the dataset sync, the playground uploads and clean-up agree.

/** A dataset version's copy: the training channels read it. */
export function datasetCacheUri(config: SagemakerTargetConfig, dataset: { name: string; version: number | null }): string {
  return asFolder(joinS3(config.s3OutputPrefix, "datasets", dataset.name, dataset.version === null ? "unversioned" : `v${dataset.version}`));
}

/** OutputDataConfig.S3OutputPath: SageMaker adds `<job>/output/model.tar.gz`. */
export function trainingOutputUri(config: SagemakerTargetConfig): string {
  return joinS3(config.s3OutputPrefix, "training");
}

export function checkpointsUri(config: SagemakerTargetConfig, jobName: string): string {
  return asFolder(joinS3(config.s3OutputPrefix, "checkpoints", jobName));
}

export function visualdlUri(config: SagemakerTargetConfig, jobName: string): string {
  return asFolder(joinS3(config.s3OutputPrefix, "visualdl", jobName));
}

/** Images the playground sends to endpoints by S3 reference. */
export function invocationUploadsUri(config: SagemakerTargetConfig, endpointName: string): string {
  return asFolder(joinS3(config.s3OutputPrefix, "invocations", endpointName));
}
