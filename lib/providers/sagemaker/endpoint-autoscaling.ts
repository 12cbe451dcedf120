import {
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  type ApplicationAutoScalingClient,
} from "@aws-sdk/client-application-auto-scaling";
import type { AutoscalingSettings } from "./endpoint-options";

const DIMENSION = "sagemaker:variant:DesiredInstanceCount";
export const SCALING_POLICY_NAME = "ocr-console-invocations-per-instance";

export function variantResourceId(endpointName: string, variantName: string): string {
  return `endpoint/${endpointName}/variant/${variantName}`;
}

/**
 * Auto scaling of one endpoint variant, made to match the settings: the scalable target's bounds and
 * a target-tracking policy on SageMakerVariantInvocationsPerInstance. Reads first and writes only
 * what differs, so calling it on every status poll costs two reads once it is in place.
 */
export async function applyVariantScaling(
  client: ApplicationAutoScalingClient,
  endpointName: string,
  variantName: string,
  settings: AutoscalingSettings,
): Promise<boolean> {
  const ResourceId = variantResourceId(endpointName, variantName);
  const common = { ServiceNamespace: "sagemaker" as const, ResourceId, ScalableDimension: DIMENSION as never };
  const { ScalableTargets = [] } = await client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: "sagemaker", ResourceIds: [ResourceId], ScalableDimension: DIMENSION as never }));
  const target = ScalableTargets[0];
  let changed = false;
  if (!target || target.MinCapacity !== settings.minInstances || target.MaxCapacity !== settings.maxInstances) {
    await client.send(new RegisterScalableTargetCommand({ ...common, MinCapacity: settings.minInstances, MaxCapacity: settings.maxInstances }));
    changed = true;
  }
  const wanted = {
    TargetValue: settings.targetInvocationsPerInstance,
    PredefinedMetricSpecification: { PredefinedMetricType: "SageMakerVariantInvocationsPerInstance" as const },
    ScaleInCooldown: settings.scaleInCooldownSeconds,
    ScaleOutCooldown: settings.scaleOutCooldownSeconds,
  };
  const { ScalingPolicies = [] } = await client.send(new DescribeScalingPoliciesCommand({ ...common, PolicyNames: [SCALING_POLICY_NAME] }));
  const current = ScalingPolicies[0]?.TargetTrackingScalingPolicyConfiguration;
  const same =
    current?.TargetValue === wanted.TargetValue &&
    current.ScaleInCooldown === wanted.ScaleInCooldown &&
    current.ScaleOutCooldown === wanted.ScaleOutCooldown &&
    current.PredefinedMetricSpecification?.PredefinedMetricType === wanted.PredefinedMetricSpecification.PredefinedMetricType;
  if (!same) {
    await client.send(new PutScalingPolicyCommand({ ...common, PolicyName: SCALING_POLICY_NAME, PolicyType: "TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration: wanted }));
    changed = true;
  }
  return changed;
}

/** Variants of an endpoint that are registered for auto scaling. */
export async function scaledVariants(client: ApplicationAutoScalingClient, endpointName: string): Promise<string[]> {
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: "sagemaker", ScalableDimension: DIMENSION as never, NextToken }));
    for (const target of page.ScalableTargets ?? []) {
      const prefix = `endpoint/${endpointName}/variant/`;
      if (target.ResourceId?.startsWith(prefix)) names.push(target.ResourceId.slice(prefix.length));
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return names;
}

/** Removes a variant's scalable target (and with it its policies); absent is fine. */
export async function removeVariantScaling(client: ApplicationAutoScalingClient, endpointName: string, variantName: string): Promise<void> {
  try {
    await client.send(
      new DeregisterScalableTargetCommand({ ServiceNamespace: "sagemaker", ResourceId: variantResourceId(endpointName, variantName), ScalableDimension: DIMENSION as never }),
    );
  } catch (error) {
    if ((error as Error).name !== "ObjectNotFoundException") throw error;
  }
}
