import { randomUUID } from "node:crypto";
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelsCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
  type ContainerDefinition,
  type DeploymentConfig,
  type DescribeEndpointCommandOutput,
  type ProductionVariant,
} from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand } from "@aws-sdk/client-sagemaker-runtime";
import sharp from "sharp";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import type { OcrResult } from "@/lib/ocr";
import { OcrClientError } from "@/lib/ocr/client";
import type { EndpointBackend, EndpointDeployment, EndpointRuntime, ResolvedTarget } from "../types";
import type { AwsClients } from "./aws-clients";
import { awsConsoleError } from "./aws-errors";
import { applyVariantScaling, removeVariantScaling, scaledVariants } from "./endpoint-autoscaling";
import { invocationMappingSchema, sagemakerEndpointConfigSchema, type DeploymentPolicy, type SagemakerEndpointConfig } from "./endpoint-options";
import { invocationBody, needsUpload, readOcrAnswer } from "./invoke-mapping";
import { contentName, endpointBaseName, endpointIdTag } from "./names";
import { asFolder, parseS3Uri } from "./s3-uri";
import { invocationUploadsUri } from "./target-paths";

type SagemakerTarget = Extract<ResolvedTarget, { kind: "sagemaker" }>;

/** What DescribeEndpoint says, beyond the state every target reports: the fleet, variant by variant. */
export interface SagemakerEndpointRuntime extends EndpointRuntime {
  /** EndpointStatus verbatim (Creating, Updating, InService, RollingBack, Failed …). */
  phase: string;
  endpointName: string;
  configName: string | null;
  variants: VariantStatus[];
  /** The new fleet of an update in progress (blue/green), with its share of traffic. */
  pending: { configName: string; variants: VariantStatus[] } | null;
}

export interface VariantStatus {
  name: string;
  currentWeight: number | null;
  desiredWeight: number | null;
  currentInstanceCount: number | null;
  desiredInstanceCount: number | null;
  /** VariantStatus entries (Creating, Updating, ActivatingTraffic, Baking …). */
  statuses: string[];
}

interface DesiredVariant {
  variantName: string;
  modelName: string;
  container: ContainerDefinition;
  instanceType: string;
  instanceCount: number;
  weight: number;
}

// What deploy() learned about an endpoint (its SageMaker name and settings), kept for invoke and
// status. It lives on globalThis like the local serving processes: the console re-deploys every
// endpoint at start (resumeEndpoints), which fills it again; without it, names are found by id.
const globalForEndpoints = globalThis as typeof globalThis & {
  __ocrConsoleSagemakerEndpoints?: Map<string, { name: string; config: SagemakerEndpointConfig; scaledConfig?: string }>;
};
const memory = (globalForEndpoints.__ocrConsoleSagemakerEndpoints ??= new Map());

const IMAGE_TYPES: Array<[RegExp, string, string]> = [
  [/^\x89PNG/, "image/png", "png"],
  [/^\xff\xd8/, "image/jpeg", "jpg"],
  [/^GIF8/, "image/gif", "gif"],
  [/^RIFF....WEBP/s, "image/webp", "webp"],
  [/^BM/, "image/bmp", "bmp"],
  [/^(II\*\x00|MM\x00\*)/, "image/tiff", "tiff"],
];

/**
 * Serving on SageMaker real-time endpoints. A console endpoint is one SageMaker endpoint whose
 * variants are the deployment's model versions (primary, canary) with their traffic as weights.
 * Models and endpoint configs are named after their contents, so deploying the same thing twice
 * creates nothing new, and changing anything makes a new config that UpdateEndpoint rolls out
 * blue/green under the endpoint's deployment policy.
 */
export function sagemakerEndpoints(target: SagemakerTarget, clients: AwsClients): EndpointBackend {
  const { config } = target;
  const context = { service: "SageMaker", region: config.region, endpoint: config.sagemakerEndpoint ?? config.endpointOverride };

  function desiredVariants(deployment: EndpointDeployment, options: SagemakerEndpointConfig, base: string): DesiredVariant[] {
    const image = options.image ?? config.servingImage;
    if (!image) {
      throw new ConsoleError("bad_request", "Give the endpoint a serving image (an ECR URI of a container answering /invocations), or set a default on the target.", {
        "config.image": ["A serving image is required on SageMaker"],
      });
    }
    const variants = deployment.variants?.length
      ? deployment.variants
      : [{ role: "primary" as const, modelName: deployment.name, version: "", storageUri: deployment.modelSource, format: null, trafficPercent: 100 }];
    if (variants.every((variant) => variant.trafficPercent <= 0)) throw new ConsoleError("bad_request", "At least one variant must take traffic.");
    const environment = {
      ...options.environment,
      ...(Object.keys(deployment.params).length > 0 ? { OCR_CONSOLE_PARAMS: JSON.stringify(deployment.params) } : {}),
    };
    return variants.map((variant) => {
      const label = variant.version ? `${variant.modelName}:${variant.version}` : "the model version";
      const container: ContainerDefinition = { Image: image, ...modelData(variant.storageUri, label), ...(Object.keys(environment).length > 0 ? { Environment: environment } : {}) };
      const fleet = variant.role === "canary" ? options.canary : options.primary;
      return {
        variantName: variant.role,
        modelName: contentName(base, variant.role, container),
        container,
        instanceType: fleet.instanceType,
        instanceCount: fleet.instanceCount,
        weight: variant.trafficPercent,
      };
    });
  }

  async function describe(name: string): Promise<DescribeEndpointCommandOutput | null> {
    try {
      return await clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
    } catch (error) {
      // DescribeEndpoint answers a missing endpoint with ValidationException (the EndpointDeleted waiter counts on it).
      if ((error as Error).name === "ValidationException" && /Could not find endpoint/.test((error as Error).message)) return null;
      throw awsConsoleError(error, context, `Reading endpoint ${name} failed`);
    }
  }

  /** The SageMaker endpoint of a console endpoint id, from memory or by the id's hash in its name. */
  async function nameOf(endpointId: string): Promise<string | null> {
    const known = memory.get(endpointId)?.name;
    if (known) return known;
    const tag = endpointIdTag(endpointId);
    let NextToken: string | undefined;
    do {
      const page = await clients.sagemaker.send(new ListEndpointsCommand({ NameContains: tag, MaxResults: 100, NextToken }));
      const found = page.Endpoints?.find((endpoint) => endpoint.EndpointName?.endsWith(`-${tag}`));
      if (found?.EndpointName) return found.EndpointName;
      NextToken = page.NextToken;
    } while (NextToken);
    return null;
  }

  async function ensure(kind: "model" | "endpoint configuration", create: () => Promise<unknown>): Promise<void> {
    try {
      await create();
    } catch (error) {
      // Named after its contents: one that exists already is exactly this one.
      if ((error as Error).name === "ValidationException" && /Cannot create already existing/.test((error as Error).message)) return;
      throw awsConsoleError(error, context, `SageMaker refused the ${kind}`);
    }
  }

  async function deploy(deployment: EndpointDeployment): Promise<void> {
    const options = parseInput(sagemakerEndpointConfigSchema, deployment.config ?? {});
    const name = endpointBaseName(deployment.name, deployment.id);
    const desired = desiredVariants(deployment, options, name);
    const variants: ProductionVariant[] = desired.map((variant) => ({
      VariantName: variant.variantName,
      ModelName: variant.modelName,
      InstanceType: variant.instanceType as never,
      InitialInstanceCount: variant.instanceCount,
      InitialVariantWeight: variant.weight,
    }));
    const configName = contentName(name, "cfg", variants);
    const tags = [
      { Key: "ocr-console:endpoint-id", Value: deployment.id },
      { Key: "ocr-console:endpoint", Value: deployment.name },
    ];
    for (const variant of desired) {
      await ensure("model", () =>
        clients.sagemaker.send(new CreateModelCommand({ ModelName: variant.modelName, ExecutionRoleArn: config.roleArn, PrimaryContainer: variant.container, Tags: tags })),
      );
    }
    await ensure("endpoint configuration", () =>
      clients.sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: configName, ProductionVariants: variants, Tags: tags })),
    );
    memory.set(deployment.id, { name, config: options });

    const endpoint = await describe(name);
    if (!endpoint) {
      try {
        await clients.sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: configName, Tags: tags }));
      } catch (error) {
        if (!/Cannot create already existing endpoint/.test((error as Error).message)) throw awsConsoleError(error, context, `SageMaker refused endpoint ${name}`);
      }
      return;
    }
    if (endpoint.EndpointConfigName === configName || endpoint.PendingDeploymentSummary?.EndpointConfigName === configName) return;
    if (endpoint.EndpointStatus === "Failed") {
      throw new ConsoleError("conflict", `SageMaker endpoint ${name} failed (${endpoint.FailureReason ?? "no reason given"}); undeploy it and deploy again.`);
    }
    if (endpoint.EndpointStatus !== "InService") {
      throw new ConsoleError("conflict", `SageMaker endpoint ${name} is ${endpoint.EndpointStatus}; deploy again once it is InService.`);
    }

    // Auto scaling holds a variant's instance type: release variants the update changes or drops.
    const current = await clients.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName! }));
    const currentVariants = current.ProductionVariants ?? [];
    for (const variantName of await scaledVariants(clients.autoscaling, name)) {
      const next = desired.find((variant) => variant.variantName === variantName);
      const before = currentVariants.find((variant) => variant.VariantName === variantName);
      if (!next || next.instanceType !== before?.InstanceType) await removeVariantScaling(clients.autoscaling, name, variantName);
    }
    const sameNames = sameSet(
      currentVariants.map((variant) => variant.VariantName ?? ""),
      desired.map((variant) => variant.variantName),
    );
    try {
      await clients.sagemaker.send(
        new UpdateEndpointCommand({ EndpointName: name, EndpointConfigName: configName, DeploymentConfig: deploymentConfig(options.deployment, sameNames) }),
      );
    } catch (error) {
      throw awsConsoleError(error, context, `SageMaker refused to update endpoint ${name}`);
    }
  }

  return {
    deploy,

    async shiftTraffic(deployment) {
      const options = parseInput(sagemakerEndpointConfigSchema, deployment.config ?? {});
      const name = endpointBaseName(deployment.name, deployment.id);
      const desired = desiredVariants(deployment, options, name);
      const endpoint = await describe(name);
      if (!endpoint) throw new ConsoleError("not_found", `SageMaker endpoint ${name} does not exist; deploy it first.`);
      if (endpoint.EndpointStatus !== "InService") {
        throw new ConsoleError("conflict", `SageMaker endpoint ${name} is ${endpoint.EndpointStatus}; shift traffic once it is InService.`);
      }
      const current = await clients.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName! }));
      const sameFleet =
        sameSet(
          (current.ProductionVariants ?? []).map((variant) => variant.VariantName ?? ""),
          desired.map((variant) => variant.variantName),
        ) && desired.every((variant) => current.ProductionVariants?.some((v) => v.VariantName === variant.variantName && v.ModelName === variant.modelName));
      // Other models behind the variants need a new fleet: that is a deployment, not a traffic shift.
      if (!sameFleet) return deploy(deployment);
      memory.set(deployment.id, { ...memory.get(deployment.id), name, config: options });
      try {
        await clients.sagemaker.send(
          new UpdateEndpointWeightsAndCapacitiesCommand({
            EndpointName: name,
            DesiredWeightsAndCapacities: desired.map((variant) => ({ VariantName: variant.variantName, DesiredWeight: variant.weight })),
          }),
        );
      } catch (error) {
        throw awsConsoleError(error, context, `SageMaker refused the traffic shift on ${name}`);
      }
    },

    async undeploy(endpointId) {
      const name = await nameOf(endpointId);
      memory.delete(endpointId);
      if (!name) return;
      for (const variantName of await scaledVariants(clients.autoscaling, name)) await removeVariantScaling(clients.autoscaling, name, variantName);
      try {
        await clients.sagemaker.send(new DeleteEndpointCommand({ EndpointName: name }));
      } catch (error) {
        if (!/Could not find endpoint/.test((error as Error).message)) throw awsConsoleError(error, context, `Deleting endpoint ${name} failed`);
      }
      // Configs and models are the endpoint's own (named after it); they go with it.
      for (const configName of await listNames("config", name)) {
        await clients.sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: configName })).catch(() => undefined);
      }
      for (const modelName of await listNames("model", name)) {
        await clients.sagemaker.send(new DeleteModelCommand({ ModelName: modelName })).catch(() => undefined);
      }
    },

    async status(endpointId): Promise<SagemakerEndpointRuntime> {
      const name = await nameOf(endpointId);
      const endpoint = name ? await describe(name) : null;
      if (!name || !endpoint) {
        return { state: "stopped", reason: "Not deployed on SageMaker", restarts: 0, phase: "NotFound", endpointName: name ?? "", configName: null, variants: [], pending: null };
      }
      const runtime = runtimeOf(endpoint);
      const remembered = memory.get(endpointId);
      if (remembered?.config.autoscaling && endpoint.EndpointStatus === "InService" && remembered.scaledConfig !== endpoint.EndpointConfigName) {
        try {
          for (const variant of endpoint.ProductionVariants ?? []) {
            await applyVariantScaling(clients.autoscaling, name, variant.VariantName!, remembered.config.autoscaling);
          }
          remembered.scaledConfig = endpoint.EndpointConfigName;
        } catch (error) {
          runtime.reason = [runtime.reason, `Auto scaling not applied yet: ${(error as Error).message}`].filter(Boolean).join(" ");
        }
      }
      return runtime;
    },

    async invoke(endpointId, image, params): Promise<OcrResult> {
      const name = await nameOf(endpointId);
      if (!name) throw new ConsoleError("unavailable", "The endpoint is not deployed on SageMaker.");
      const mapping = memory.get(endpointId)?.config.invocation ?? invocationMappingSchema.parse({});
      const [, imageType, extension] = IMAGE_TYPES.find(([magic]) => magic.test(Buffer.from(image.subarray(0, 16)).toString("latin1"))) ?? [null, "application/x-image", "bin"];
      const started = performance.now();
      let uploaded: { bucket: string; key: string } | null = null;
      if (needsUpload(mapping)) {
        const folder = parseS3Uri(invocationUploadsUri(config, name));
        uploaded = { bucket: folder.bucket, key: `${folder.key}${randomUUID()}.${extension}` };
        await clients.s3.send(new PutObjectCommand({ Bucket: uploaded.bucket, Key: uploaded.key, Body: image, ContentType: imageType }));
      }
      let answer;
      try {
        const request = invocationBody(mapping, image, imageType, uploaded, params as Record<string, unknown> | undefined);
        answer = await clients.runtime.send(new InvokeEndpointCommand({ EndpointName: name, Body: request.body, ContentType: request.contentType, Accept: "application/json" }));
      } catch (error) {
        const failure = error as Error & { OriginalStatusCode?: number; OriginalMessage?: string };
        if (failure.name === "ModelError") {
          throw new ConsoleError("unprocessable", `The model container answered HTTP ${failure.OriginalStatusCode ?? "?"}: ${failure.OriginalMessage ?? failure.message}`);
        }
        throw awsConsoleError(error, { ...context, endpoint: config.runtimeEndpoint ?? config.endpointOverride }, `Invoking ${name} failed`);
      } finally {
        if (uploaded) {
          const { bucket, key } = uploaded;
          await clients.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
        }
      }
      const totalMs = performance.now() - started;
      const text = Buffer.from(answer.Body ?? new Uint8Array()).toString("utf8");
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new ConsoleError("unprocessable", `The container did not answer JSON: ${JSON.stringify(text.slice(0, 200))}`);
      }
      let lines;
      try {
        lines = readOcrAnswer(mapping, json);
      } catch (error) {
        if (error instanceof OcrClientError) throw new ConsoleError("unprocessable", error.message);
        throw error;
      }
      const { width = 0, height = 0 } = await sharp(image)
        .metadata()
        .catch(() => ({ width: 0, height: 0 }));
      return {
        // An unscored line keeps score 0 rather than an invented confidence.
        lines: lines.map((line) => ({ text: line.text, score: line.score ?? 0, box: line.box })),
        timings: { decodeMs: 0, detMs: 0, clsMs: 0, recMs: 0, totalMs },
        width,
        height,
      };
    },
  };

  async function listNames(kind: "config" | "model", base: string): Promise<string[]> {
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      if (kind === "config") {
        const page = await clients.sagemaker.send(new ListEndpointConfigsCommand({ NameContains: base, MaxResults: 100, NextToken }));
        names.push(...(page.EndpointConfigs ?? []).map((c) => c.EndpointConfigName!).filter((n) => n.startsWith(`${base}-`)));
        NextToken = page.NextToken;
      } else {
        const page = await clients.sagemaker.send(new ListModelsCommand({ NameContains: base, MaxResults: 100, NextToken }));
        names.push(...(page.Models ?? []).map((m) => m.ModelName!).filter((n) => n.startsWith(`${base}-`)));
        NextToken = page.NextToken;
      }
    } while (NextToken);
    return names;
  }
}

/** Where a model version's files are for SageMaker: a model.tar.gz, or an uncompressed S3 prefix. */
function modelData(storageUri: string, label: string): Pick<ContainerDefinition, "ModelDataUrl" | "ModelDataSource"> {
  if (!storageUri.startsWith("s3://")) {
    throw new ConsoleError(
      "bad_request",
      `SageMaker reads models from S3; ${label} is stored at ${storageUri}. Register a version whose artifact is in S3 (a SageMaker training run's model.tar.gz, or the registry on AWS S3).`,
    );
  }
  if (/\.tar\.gz$/.test(storageUri)) return { ModelDataUrl: storageUri };
  return { ModelDataSource: { S3DataSource: { S3Uri: asFolder(storageUri), S3DataType: "S3Prefix", CompressionType: "None" } } };
}

/**
 * The policy as SageMaker's DeploymentConfig. Canary and linear shifts move traffic between the old
 * and new fleet of the same variants; when the update adds or removes a variant there is nothing
 * to shift between, so it goes all at once (still with the rollback alarms).
 */
export function deploymentConfig(policy: DeploymentPolicy, sameVariants: boolean): DeploymentConfig {
  const type = sameVariants ? policy.type : "ALL_AT_ONCE";
  const routing =
    type === "CANARY"
      ? { Type: type, WaitIntervalInSeconds: policy.waitSeconds, CanarySize: { Type: "CAPACITY_PERCENT" as const, Value: policy.canaryPercent } }
      : type === "LINEAR"
        ? { Type: type, WaitIntervalInSeconds: policy.waitSeconds, LinearStepSize: { Type: "CAPACITY_PERCENT" as const, Value: policy.linearStepPercent } }
        : { Type: type, WaitIntervalInSeconds: policy.waitSeconds };
  return {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: routing,
      TerminationWaitInSeconds: policy.terminationWaitSeconds,
      ...(policy.maximumExecutionTimeoutSeconds ? { MaximumExecutionTimeoutInSeconds: policy.maximumExecutionTimeoutSeconds } : {}),
    },
    ...(policy.rollbackAlarms.length > 0 ? { AutoRollbackConfiguration: { Alarms: policy.rollbackAlarms.map((AlarmName) => ({ AlarmName })) } } : {}),
  };
}

/** DescribeEndpoint as the console's endpoint state, with the fleet's detail. */
export function runtimeOf(endpoint: DescribeEndpointCommandOutput): SagemakerEndpointRuntime {
  const status = endpoint.EndpointStatus ?? "Unknown";
  const variants = (endpoint.ProductionVariants ?? []).map(variantStatus);
  const pending = endpoint.PendingDeploymentSummary
    ? { configName: endpoint.PendingDeploymentSummary.EndpointConfigName ?? "", variants: (endpoint.PendingDeploymentSummary.ProductionVariants ?? []).map(variantStatus) }
    : null;
  const share = pending?.variants.reduce((sum, v) => sum + (v.currentWeight ?? 0), 0) ?? 0;
  const total = share + variants.reduce((sum, v) => sum + (v.currentWeight ?? 0), 0);
  const shifted = pending && total > 0 ? ` — ${Math.round((share / total) * 100)}% of traffic on the new fleet` : "";
  const base = { restarts: 0, phase: status, endpointName: endpoint.EndpointName ?? "", configName: endpoint.EndpointConfigName ?? null, variants, pending };
  switch (status) {
    case "Creating":
      return { ...base, state: "starting", reason: "Creating the endpoint's instances" };
    case "InService":
      return { ...base, state: "ready", reason: endpoint.FailureReason ? `Last update did not complete: ${endpoint.FailureReason}` : null };
    case "Updating":
    case "SystemUpdating":
      return { ...base, state: "ready", reason: `${status}${shifted}` };
    case "RollingBack":
      return { ...base, state: "ready", reason: `Rolling back: ${endpoint.FailureReason ?? "the update failed"}` };
    case "Failed":
    case "UpdateRollbackFailed":
      return { ...base, state: "failed", reason: endpoint.FailureReason ?? status };
    default:
      return { ...base, state: "stopped", reason: status };
  }
}

function variantStatus(variant: {
  VariantName?: string;
  CurrentWeight?: number;
  DesiredWeight?: number;
  CurrentInstanceCount?: number;
  DesiredInstanceCount?: number;
  VariantStatus?: Array<{ Status?: string }>;
}): VariantStatus {
  return {
    name: variant.VariantName ?? "",
    currentWeight: variant.CurrentWeight ?? null,
    desiredWeight: variant.DesiredWeight ?? null,
    currentInstanceCount: variant.CurrentInstanceCount ?? null,
    desiredInstanceCount: variant.DesiredInstanceCount ?? null,
    statuses: (variant.VariantStatus ?? []).map((s) => String(s.Status)),
  };
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");
}
