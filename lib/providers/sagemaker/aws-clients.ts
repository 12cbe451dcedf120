import { createHash } from "node:crypto";
import { ApplicationAutoScalingClient } from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { S3Client } from "@aws-sdk/client-s3";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { STSClient } from "@aws-sdk/client-sts";
import type { SagemakerTargetConfig, SagemakerTargetSecrets } from "@/lib/schemas/targets";

export type AwsService = "sagemaker" | "runtime" | "logs" | "autoscaling" | "sts" | "s3";

/** Where a target's calls to one service go: its own override, else the target-wide one, else AWS's default. */
export function endpointFor(config: SagemakerTargetConfig, service: AwsService): string | undefined {
  const own = {
    sagemaker: config.sagemakerEndpoint,
    runtime: config.runtimeEndpoint,
    logs: config.logsEndpoint,
    autoscaling: config.autoscalingEndpoint,
    sts: config.stsEndpoint,
    s3: config.s3Endpoint,
  }[service];
  return own ?? config.endpointOverride;
}

/** Per-client settings a caller may change (the connection check wants short deadlines and one retry). */
export interface ClientTuning {
  maxAttempts?: number;
  requestHandler?: { connectionTimeout?: number; requestTimeout?: number; throwOnRequestTimeout?: boolean };
}

export interface AwsClients {
  sagemaker: SageMakerClient;
  runtime: SageMakerRuntimeClient;
  logs: CloudWatchLogsClient;
  autoscaling: ApplicationAutoScalingClient;
  sts: STSClient;
  s3: S3Client;
  destroy(): void;
}

/**
 * The AWS clients of a target: its region, its endpoint overrides, its saved access key or else the
 * SDK's default credential chain (environment, shared config and SSO, container and instance
 * roles). Every client retries throttling and 5xx answers in the SDK's adaptive mode, which also
 * slows its own request rate down when the service throttles.
 */
export function createAwsClients(config: SagemakerTargetConfig, secrets: SagemakerTargetSecrets, tuning: ClientTuning = {}): AwsClients {
  const { accessKeyId, secretAccessKey, sessionToken } = secrets;
  const common = {
    region: config.region,
    retryMode: "adaptive",
    maxAttempts: tuning.maxAttempts ?? 5,
    ...(tuning.requestHandler ? { requestHandler: tuning.requestHandler } : {}),
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } } : {}),
  };
  const at = (service: AwsService) => {
    const endpoint = endpointFor(config, service);
    return endpoint ? { endpoint } : {};
  };
  const made: Array<{ destroy(): void }> = [];
  const lazy = <T extends { destroy(): void }>(make: () => T) => {
    let client: T | undefined;
    return () => {
      if (!client) made.push((client = make()));
      return client;
    };
  };
  const sagemaker = lazy(() => new SageMakerClient({ ...common, ...at("sagemaker") }));
  const runtime = lazy(() => new SageMakerRuntimeClient({ ...common, ...at("runtime") }));
  const logs = lazy(() => new CloudWatchLogsClient({ ...common, ...at("logs") }));
  const autoscaling = lazy(() => new ApplicationAutoScalingClient({ ...common, ...at("autoscaling") }));
  const sts = lazy(() => new STSClient({ ...common, ...at("sts") }));
  // An overridden S3 endpoint (LocalStack, MinIO, a VPC endpoint) is addressed path-style.
  const s3 = lazy(() => new S3Client({ ...common, ...at("s3"), forcePathStyle: Boolean(endpointFor(config, "s3")) }));
  return {
    get sagemaker() {
      return sagemaker();
    },
    get runtime() {
      return runtime();
    },
    get logs() {
      return logs();
    },
    get autoscaling() {
      return autoscaling();
    },
    get sts() {
      return sts();
    },
    get s3() {
      return s3();
    },
    destroy() {
      for (const client of made.splice(0)) client.destroy();
    },
  };
}

// One set of clients per target configuration for the whole process, as lib/storage does for the
// object store: clients hold connection pools. Keyed by a hash so no secret is kept as a map key.
const globalForAws = globalThis as typeof globalThis & { __ocrConsoleAwsClients?: Map<string, AwsClients> };

export function sharedAwsClients(config: SagemakerTargetConfig, secrets: SagemakerTargetSecrets): AwsClients {
  const clients = (globalForAws.__ocrConsoleAwsClients ??= new Map());
  const key = createHash("sha256").update(JSON.stringify([config, secrets])).digest("hex");
  let found = clients.get(key);
  if (!found) {
    found = createAwsClients(config, secrets);
    clients.set(key, found);
  }
  return found;
}
