import { randomUUID } from "node:crypto";
import type { FakeAccount } from "./account";
import { AwsServiceError } from "./aws-error";
import type { JsonOperationHandler } from "./json-protocol-server";

type Json = Record<string, unknown>;

export interface FakeScalableTarget {
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  MinCapacity: number;
  MaxCapacity: number;
  RoleARN: string;
  CreationTime: number;
  ScalableTargetARN: string;
}

export interface FakeScalingPolicy {
  PolicyARN: string;
  PolicyName: string;
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  PolicyType: string;
  TargetTrackingScalingPolicyConfiguration?: Json;
  StepScalingPolicyConfiguration?: Json;
  Alarms: Array<{ AlarmName: string; AlarmARN: string }>;
  CreationTime: number;
}

const VARIANT_DIMENSION = "sagemaker:variant:DesiredInstanceCount";
const SAGEMAKER_METRICS = new Set([
  "SageMakerVariantInvocationsPerInstance",
  "SageMakerVariantProvisionedConcurrencyUtilization",
  "SageMakerInferenceComponentInvocationsPerCopy",
  "SageMakerVariantConcurrentRequestsPerModelHighResolution",
  "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution",
]);

export interface AutoScalingOptions {
  account: FakeAccount;
  /** Whether the SageMaker endpoint variant exists, and a hook to move its instance count into new bounds. */
  variantExists(endpoint: string, variant: string): boolean;
  scaleVariant(endpoint: string, variant: string, bounds: { min: number; max: number }): number | undefined;
}

/** Application Auto Scaling for SageMaker endpoint variants, as the console uses it. */
export function createAutoScaling(options: AutoScalingOptions) {
  const { account } = options;
  const targets: FakeScalableTarget[] = [];
  const policies: FakeScalingPolicy[] = [];
  const activities: Json[] = [];
  const key = (t: { ServiceNamespace?: unknown; ResourceId?: unknown; ScalableDimension?: unknown }) => `${String(t.ServiceNamespace)}|${String(t.ResourceId)}|${String(t.ScalableDimension)}`;
  const seconds = () => account.clock.now() / 1000;
  const invalid = (message: string): never => {
    throw new AwsServiceError("ValidationException", message);
  };

  function parseVariant(input: Json): { endpoint: string; variant: string } {
    if (input.ServiceNamespace !== "sagemaker") invalid(`The fake supports the sagemaker service namespace only, not ${String(input.ServiceNamespace)}.`);
    const match = /^endpoint\/([^/]+)\/variant\/([^/]+)$/.exec(String(input.ResourceId));
    if (!match || (input.ScalableDimension !== VARIANT_DIMENSION && !String(input.ResourceId).startsWith("inference-component/"))) {
      invalid(`Unsupported service namespace, resource type or scalable dimension: resource ID ${String(input.ResourceId)}, dimension ${String(input.ScalableDimension)}.`);
    }
    return { endpoint: match![1]!, variant: match![2]! };
  }

  const handlers: Record<string, JsonOperationHandler> = {
    RegisterScalableTarget(input) {
      const { endpoint, variant } = parseVariant(input);
      if (!options.variantExists(endpoint, variant)) {
        invalid(`The endpoint variant ${String(input.ResourceId)} does not exist. Create the endpoint and wait until it is InService.`);
      }
      const existing = targets.find((t) => key(t) === key(input));
      const min = (input.MinCapacity as number | undefined) ?? existing?.MinCapacity;
      const max = (input.MaxCapacity as number | undefined) ?? existing?.MaxCapacity;
      if (min === undefined || max === undefined) invalid("MinCapacity and MaxCapacity are required when registering a new scalable target.");
      if (min! < 1) invalid("The minimum capacity of a SageMaker endpoint variant must be at least 1.");
      if (max! < min!) invalid(`Maximum capacity cannot be less than minimum capacity (${min} > ${max}).`);
      const arn = existing?.ScalableTargetARN ?? `arn:aws:application-autoscaling:${account.region}:${account.accountId}:scalable-target/${randomUUID().replaceAll("-", "").slice(0, 28)}`;
      const target: FakeScalableTarget = {
        ServiceNamespace: "sagemaker",
        ResourceId: String(input.ResourceId),
        ScalableDimension: String(input.ScalableDimension),
        MinCapacity: min!,
        MaxCapacity: max!,
        RoleARN:
          (input.RoleARN as string | undefined) ??
          `arn:aws:iam::${account.accountId}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
        CreationTime: existing?.CreationTime ?? seconds(),
        ScalableTargetARN: arn,
      };
      if (existing) targets.splice(targets.indexOf(existing), 1, target);
      else targets.push(target);
      const count = options.scaleVariant(endpoint, variant, { min: min!, max: max! });
      activities.push({
        ActivityId: randomUUID(),
        ServiceNamespace: "sagemaker",
        ResourceId: target.ResourceId,
        ScalableDimension: target.ScalableDimension,
        Description: `Setting desired instance count to ${count ?? min}.`,
        Cause: `minimum capacity was set to ${min}, maximum capacity to ${max}`,
        StartTime: seconds(),
        EndTime: seconds(),
        StatusCode: "Successful",
      });
      return { ScalableTargetARN: arn };
    },

    DeregisterScalableTarget(input) {
      const existing = targets.find((t) => key(t) === key(input));
      if (!existing) {
        throw new AwsServiceError(
          "ObjectNotFoundException",
          `No scalable target found for service namespace: ${String(input.ServiceNamespace)}, resource ID: ${String(input.ResourceId)}, scalable dimension: ${String(input.ScalableDimension)}`,
        );
      }
      targets.splice(targets.indexOf(existing), 1);
      for (const policy of policies.filter((p) => key(p) === key(input))) policies.splice(policies.indexOf(policy), 1);
      return {};
    },

    DescribeScalableTargets(input) {
      const ids = input.ResourceIds as string[] | undefined;
      const found = targets.filter(
        (t) =>
          t.ServiceNamespace === input.ServiceNamespace &&
          (!ids || ids.includes(t.ResourceId)) &&
          (input.ScalableDimension === undefined || t.ScalableDimension === input.ScalableDimension),
      );
      return { ScalableTargets: found };
    },

    PutScalingPolicy(input) {
      parseVariant(input);
      if (!targets.some((t) => key(t) === key(input))) {
        throw new AwsServiceError(
          "ObjectNotFoundException",
          `No scalable target registered for service namespace: ${String(input.ServiceNamespace)}, resource ID: ${String(input.ResourceId)}, scalable dimension: ${String(input.ScalableDimension)}`,
        );
      }
      const type = (input.PolicyType as string | undefined) ?? "StepScaling";
      const tracking = input.TargetTrackingScalingPolicyConfiguration as Json | undefined;
      if (type === "TargetTrackingScaling") {
        if (!tracking) invalid("TargetTrackingScalingPolicyConfiguration is required for a TargetTrackingScaling policy.");
        const predefined = tracking!.PredefinedMetricSpecification as { PredefinedMetricType: string } | undefined;
        if (!predefined && !tracking!.CustomizedMetricSpecification) invalid("Either PredefinedMetricSpecification or CustomizedMetricSpecification is required.");
        if (predefined && !SAGEMAKER_METRICS.has(predefined.PredefinedMetricType)) {
          invalid(`Predefined metric ${predefined.PredefinedMetricType} is not supported for the sagemaker service namespace.`);
        }
      }
      const existing = policies.find((p) => key(p) === key(input) && p.PolicyName === input.PolicyName);
      const id = randomUUID();
      const arn =
        existing?.PolicyARN ??
        `arn:aws:autoscaling:${account.region}:${account.accountId}:scalingPolicy:${id}:resource/sagemaker/${String(input.ResourceId)}:policyName/${String(input.PolicyName)}`;
      const alarmName = (suffix: string) => `TargetTracking-${String(input.ResourceId)}-${suffix}-${id}`;
      const alarms =
        existing?.Alarms ??
        (type === "TargetTrackingScaling"
          ? ["AlarmHigh", "AlarmLow"].map((suffix) => ({ AlarmName: alarmName(suffix), AlarmARN: `arn:aws:cloudwatch:${account.region}:${account.accountId}:alarm:${alarmName(suffix)}` }))
          : []);
      const policy: FakeScalingPolicy = {
        PolicyARN: arn,
        PolicyName: String(input.PolicyName),
        ServiceNamespace: String(input.ServiceNamespace),
        ResourceId: String(input.ResourceId),
        ScalableDimension: String(input.ScalableDimension),
        PolicyType: type,
        ...(tracking ? { TargetTrackingScalingPolicyConfiguration: tracking } : {}),
        ...(input.StepScalingPolicyConfiguration ? { StepScalingPolicyConfiguration: input.StepScalingPolicyConfiguration as Json } : {}),
        Alarms: alarms,
        CreationTime: existing?.CreationTime ?? seconds(),
      };
      if (existing) policies.splice(policies.indexOf(existing), 1, policy);
      else policies.push(policy);
      return { PolicyARN: arn, Alarms: alarms };
    },

    DescribeScalingPolicies(input) {
      const names = input.PolicyNames as string[] | undefined;
      return {
        ScalingPolicies: policies.filter(
          (p) =>
            p.ServiceNamespace === input.ServiceNamespace &&
            (input.ResourceId === undefined || p.ResourceId === input.ResourceId) &&
            (input.ScalableDimension === undefined || p.ScalableDimension === input.ScalableDimension) &&
            (!names || names.includes(p.PolicyName)),
        ),
      };
    },

    DeleteScalingPolicy(input) {
      const existing = policies.find((p) => key(p) === key(input) && p.PolicyName === input.PolicyName);
      if (!existing) {
        throw new AwsServiceError(
          "ObjectNotFoundException",
          `No scaling policy found for service namespace: ${String(input.ServiceNamespace)}, resource ID: ${String(input.ResourceId)}, scalable dimension: ${String(input.ScalableDimension)}, policy name: ${String(input.PolicyName)}`,
        );
      }
      policies.splice(policies.indexOf(existing), 1);
      return {};
    },

    DescribeScalingActivities(input) {
      return {
        ScalingActivities: activities.filter(
          (a) => a.ServiceNamespace === input.ServiceNamespace && (input.ResourceId === undefined || a.ResourceId === input.ResourceId),
        ),
      };
    },
  };

  return {
    targets,
    policies,
    handlers,
    /** Variants of an endpoint under auto scaling. */
    scaledVariants(endpoint: string): string[] {
      return targets
        .map((t) => /^endpoint\/([^/]+)\/variant\/([^/]+)$/.exec(t.ResourceId))
        .filter((match): match is RegExpExecArray => match !== null && match[1] === endpoint)
        .map((match) => match[2]!);
    },
  };
}

export type FakeAutoScaling = ReturnType<typeof createAutoScaling>;
