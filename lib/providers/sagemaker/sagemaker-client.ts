import { SageMakerClient, type SageMakerClientConfig } from "@aws-sdk/client-sagemaker";
import type { SagemakerTargetConfig, SagemakerTargetSecrets } from "@/lib/schemas/targets";

/**
 * A SageMaker client for a target: its region, its endpoint override (a VPC endpoint, or a test
 * double), and its access key when one was saved, otherwise the SDK's default credential chain
 * (environment, shared config/SSO, container and instance roles).
 */
export function createSagemakerClient(
  config: SagemakerTargetConfig,
  secrets: SagemakerTargetSecrets,
  overrides: Partial<SageMakerClientConfig> = {},
): SageMakerClient {
  const { accessKeyId, secretAccessKey, sessionToken } = secrets;
  return new SageMakerClient({
    region: config.region,
    ...(config.endpointOverride ? { endpoint: config.endpointOverride } : {}),
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } } : {}),
    ...overrides,
  });
}
