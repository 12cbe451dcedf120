import { createHash } from "node:crypto";
import type { FakeAccount } from "./account";
import { AwsServiceError } from "./aws-error";
import type { FakeTiming } from "./clock";
import type { FakeS3Backend } from "./s3-backend";
import { decodeToken, encodeToken, seconds } from "./sagemaker-training";

type Json = Record<string, unknown>;

export type EndpointStatus = "OutOfService" | "Creating" | "Updating" | "SystemUpdating" | "RollingBack" | "InService" | "Deleting" | "Failed" | "UpdateRollbackFailed";
export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";

export interface FakeVariant {
  name: string;
  modelName: string;
  instanceType?: string;
  /** The weight the config gave; what the variant serves is this scaled by its fleet's share. */
  weight: number;
  desiredWeight: number;
  currentInstanceCount: number;
  desiredInstanceCount: number;
  statuses: Array<{ Status: string; StartTime: number; StatusMessage?: string }>;
}

interface Phase {
  at: number;
  run(at: number): void;
}

export interface FakeEndpoint {
  name: string;
  arn: string;
  createdAt: number;
  lastModified: number;
  status: EndpointStatus;
  configName: string;
  variants: FakeVariant[];
  /** The green fleet of a blue/green update, and the share of traffic it takes (0..1). */
  pending?: { configName: string; variants: FakeVariant[]; startTime: number; share: number };
  failureReason?: string;
  lastDeploymentConfig?: Json;
  phases: Phase[];
  deleted?: boolean;
}

export interface HostingOptions {
  account: FakeAccount;
  timing: FakeTiming;
  s3?: FakeS3Backend;
  /** CloudWatch alarm states the auto-rollback of blue/green updates watches (unknown alarms are OK). */
  alarms: Map<string, AlarmState>;
  /** Whether a fleet for this endpoint config comes up; a string is the FailureReason (default: it does). */
  fleetOutcome?(configName: string, models: Json[]): string | undefined;
  /** Tags by resource ARN, shared with the rest of the fake SageMaker (ListTags, AddTags). */
  tags: Map<string, Array<{ Key: string; Value: string }>>;
  /** Variants under auto scaling, which cannot lose their instance type or be removed by an update. */
  scaledVariants(endpointName: string): string[];
}

/** Models, endpoint configs and endpoints of the fake SageMaker, moving through their states over time. */
export function createHosting(options: HostingOptions) {
  const { account, timing } = options;
  const models = new Map<string, { arn: string; input: Json; createdAt: number }>();
  const configs = new Map<string, { arn: string; input: Json; createdAt: number }>();
  const endpoints = new Map<string, FakeEndpoint>();
  const { tags } = options;
  const arn = (kind: string, name: string) => `arn:aws:sagemaker:${account.region}:${account.accountId}:${kind}/${name.toLowerCase()}`;
  const now = () => account.clock.now();
  const invalid = (message: string): never => {
    throw new AwsServiceError("ValidationException", message);
  };

  function advance(endpoint: FakeEndpoint): void {
    const time = now();
    endpoint.phases.sort((a, b) => a.at - b.at);
    while (endpoint.phases.length > 0 && endpoint.phases[0]!.at <= time) {
      const phase = endpoint.phases.shift()!;
      phase.run(phase.at);
      endpoint.lastModified = phase.at;
      endpoint.phases.sort((a, b) => a.at - b.at);
    }
    if (endpoint.deleted) endpoints.delete(endpoint.name);
  }

  const endpointNamed = (name: unknown) => {
    const endpoint = endpoints.get(String(name));
    if (endpoint) advance(endpoint);
    const current = endpoints.get(String(name));
    if (!current) invalid(`Could not find endpoint "${String(name)}".`);
    return current!;
  };

  const configNamed = (name: unknown) => {
    const config = configs.get(String(name));
    if (!config) invalid(`Could not find endpoint configuration "${arn("endpoint-config", String(name))}".`);
    return config!;
  };

  function variantsOf(configName: string, startTime: number): FakeVariant[] {
    const config = configNamed(configName);
    return (config.input.ProductionVariants as Json[]).map((variant) => ({
      name: String(variant.VariantName),
      modelName: String(variant.ModelName),
      ...(variant.InstanceType ? { instanceType: String(variant.InstanceType) } : {}),
      weight: (variant.InitialVariantWeight as number | undefined) ?? 1,
      desiredWeight: (variant.InitialVariantWeight as number | undefined) ?? 1,
      currentInstanceCount: 0,
      desiredInstanceCount: (variant.InitialInstanceCount as number | undefined) ?? 1,
      statuses: [{ Status: "Creating", StartTime: startTime, StatusMessage: "Launching the instances" }],
    }));
  }

  /** Why this config's fleet cannot come up (missing model data, a failing container), if it cannot. */
  async function fleetProblem(configName: string): Promise<string | undefined> {
    const config = configNamed(configName);
    const used = (config.input.ProductionVariants as Json[]).map((variant) => models.get(String(variant.ModelName))!.input);
    for (const model of used) {
      const container = (model.PrimaryContainer ?? (model.Containers as Json[] | undefined)?.[0] ?? {}) as Json;
      const source = (container.ModelDataSource as { S3DataSource?: { S3Uri: string } } | undefined)?.S3DataSource?.S3Uri;
      const url = (container.ModelDataUrl as string | undefined) ?? source;
      if (url && options.s3 && !(await options.s3.hasObjects(url))) {
        return `Failed to download model data for container "container_1" from URL: "${url}". Please ensure that there is an object located at the URL and that the role passed to CreateModel has permissions to download the object.`;
      }
    }
    return options.fleetOutcome?.(configName, used);
  }

  function activate(variants: FakeVariant[]): void {
    for (const variant of variants) {
      variant.currentInstanceCount = variant.desiredInstanceCount;
      variant.statuses = [];
    }
  }

  function checkAlarms(watched: string[]): string | undefined {
    return watched.find((name) => options.alarms.get(name) === "ALARM");
  }

  /** Blue/green: green fleet, traffic steps with waits (alarms checked after each), baking, then blue goes. */
  function planUpdate(endpoint: FakeEndpoint, configName: string, deployment: Json | undefined, problem: string | undefined): void {
    const start = now();
    const blueGreen = (deployment?.BlueGreenUpdatePolicy ?? {}) as Json;
    const routing = (blueGreen.TrafficRoutingConfiguration ?? { Type: "ALL_AT_ONCE", WaitIntervalInSeconds: 0 }) as Json;
    const wait = ((routing.WaitIntervalInSeconds as number | undefined) ?? 0) * timing.secondMs;
    const bake = ((blueGreen.TerminationWaitInSeconds as number | undefined) ?? 0) * timing.secondMs;
    const alarms = (((deployment?.AutoRollbackConfiguration as Json | undefined)?.Alarms ?? []) as Array<{ AlarmName: string }>).map((a) => a.AlarmName);
    const green = variantsOf(configName, start);
    const totalInstances = green.reduce((sum, variant) => sum + variant.desiredInstanceCount, 0);
    const steps = trafficSteps(routing, totalInstances);

    endpoint.status = "Updating";
    endpoint.failureReason = undefined;
    endpoint.pending = { configName, variants: green, startTime: start, share: 0 };

    const rollBack = (at: number, reason: string) => {
      endpoint.status = "RollingBack";
      endpoint.failureReason = reason;
      if (endpoint.pending) endpoint.pending.share = 0;
      endpoint.phases = [
        {
          at: at + timing.endpointProvisionMs / 2,
          run: () => {
            endpoint.pending = undefined;
            endpoint.status = "InService";
          },
        },
      ];
    };

    if (problem) {
      endpoint.phases.push({
        at: start + timing.endpointProvisionMs,
        run: () => {
          endpoint.pending = undefined;
          endpoint.status = "InService";
          endpoint.failureReason = `Endpoint update failed and the endpoint kept its previous configuration: ${problem}`;
        },
      });
      return;
    }

    let at = start + timing.endpointProvisionMs;
    steps.forEach((share, i) => {
      const last = i === steps.length - 1;
      endpoint.phases.push({
        at,
        run: () => {
          if (endpoint.status !== "Updating" || !endpoint.pending) return;
          for (const variant of endpoint.pending.variants) {
            variant.currentInstanceCount = variant.desiredInstanceCount;
            variant.statuses = [{ Status: last ? "Baking" : "ActivatingTraffic", StartTime: at, StatusMessage: `Shifted ${Math.round(share * 100)}% of traffic` }];
          }
          endpoint.pending.share = share;
        },
      });
      at += last ? bake : wait;
      endpoint.phases.push({
        at,
        run: (when) => {
          if (endpoint.status !== "Updating" || !endpoint.pending) return;
          const firing = checkAlarms(alarms);
          if (firing) rollBack(when, `Update rolled back because CloudWatch alarm "${firing}" went into ALARM state.`);
          else if (last) {
            endpoint.configName = configName;
            endpoint.variants = endpoint.pending.variants;
            activate(endpoint.variants);
            endpoint.pending = undefined;
            endpoint.status = "InService";
            if (deployment) endpoint.lastDeploymentConfig = deployment;
          }
        },
      });
      at += 1;
    });
  }

  return {
    models,
    configs,
    endpoints,
    alarms: options.alarms,
    /** The endpoint as it stands now, or undefined. */
    endpoint(name: string): FakeEndpoint | undefined {
      const endpoint = endpoints.get(name);
      if (endpoint) advance(endpoint);
      return endpoints.get(name);
    },
    /** Which variant serves the next request (weights × fleet share), and its model's container. */
    route(name: string, targetVariant?: string): { variant: string; container: Json } {
      const endpoint = endpoints.get(name);
      if (endpoint) advance(endpoint);
      if (!endpoint || endpoint.deleted) {
        throw new AwsServiceError("ValidationError", `Endpoint ${name} of account ${account.accountId} not found.`);
      }
      if (endpoint.status === "Creating" || endpoint.status === "Failed" || endpoint.status === "Deleting" || endpoint.status === "OutOfService") {
        throw new AwsServiceError("ValidationError", `Endpoint ${name} of account ${account.accountId} is in status ${endpoint.status} and cannot be invoked.`);
      }
      const share = endpoint.pending?.share ?? 0;
      const serving = [
        ...endpoint.variants.map((variant) => ({ variant, weight: variant.weight * (1 - share) })),
        ...(endpoint.pending?.variants ?? []).map((variant) => ({ variant, weight: variant.weight * share })),
      ].filter((entry) => entry.weight > 0 || targetVariant !== undefined);
      let chosen = targetVariant ? serving.find((entry) => entry.variant.name === targetVariant) : undefined;
      if (targetVariant && !chosen) {
        throw new AwsServiceError("ValidationError", `Variant ${targetVariant} not found for endpoint ${name}.`);
      }
      if (!chosen) {
        const total = serving.reduce((sum, entry) => sum + entry.weight, 0);
        let pick = Math.random() * total;
        chosen = serving.find((entry) => (pick -= entry.weight) < 0) ?? serving[0];
      }
      if (!chosen) throw new AwsServiceError("ValidationError", `Endpoint ${name} has no variant taking traffic.`);
      const model = models.get(chosen.variant.modelName)?.input ?? {};
      return { variant: chosen.variant.name, container: (model.PrimaryContainer ?? (model.Containers as Json[] | undefined)?.[0] ?? {}) as Json };
    },
    /** Auto scaling moved a variant's instance count into its new bounds. */
    scaleVariant(endpointName: string, variantName: string, bounds: { min?: number; max?: number }): number | undefined {
      const endpoint = endpoints.get(endpointName);
      if (endpoint) advance(endpoint);
      const variant = endpoint?.variants.find((candidate) => candidate.name === variantName);
      if (!variant) return undefined;
      const count = Math.min(bounds.max ?? Infinity, Math.max(bounds.min ?? 0, variant.desiredInstanceCount));
      variant.desiredInstanceCount = count;
      variant.currentInstanceCount = count;
      return count;
    },
    handlers: {
      CreateModel(input: Json) {
        const name = String(input.ModelName);
        if (models.has(name)) invalid(`Cannot create already existing model "${arn("model", name)}".`);
        if (!input.PrimaryContainer && !input.Containers) invalid("Either PrimaryContainer or Containers must be specified.");
        const role = input.ExecutionRoleArn as string | undefined;
        if (role && !role.includes(`::${account.accountId}:role/`)) invalid(`Could not access model data or assume role ${role}.`);
        models.set(name, { arn: arn("model", name), input, createdAt: now() });
        if (input.Tags) tags.set(arn("model", name), input.Tags as Array<{ Key: string; Value: string }>);
        return { ModelArn: arn("model", name) };
      },
      DescribeModel(input: Json) {
        const model = models.get(String(input.ModelName));
        if (!model) invalid(`Could not find model "${arn("model", String(input.ModelName))}".`);
        const { Tags: _tags, ...rest } = model!.input;
        void _tags;
        return { ...rest, ModelArn: model!.arn, CreationTime: seconds(model!.createdAt) };
      },
      ListModels(input: Json) {
        return listNamed([...models.entries()], input, (name, model) => ({ ModelName: name, ModelArn: model.arn, CreationTime: seconds(model.createdAt) }), "Models");
      },
      DeleteModel(input: Json) {
        const name = String(input.ModelName);
        if (!models.delete(name)) invalid(`Could not find model "${arn("model", name)}".`);
        return {};
      },
      CreateEndpointConfig(input: Json) {
        const name = String(input.EndpointConfigName);
        if (configs.has(name)) invalid(`Cannot create already existing endpoint configuration "${arn("endpoint-config", name)}".`);
        const variants = input.ProductionVariants as Json[];
        const names = variants.map((variant) => String(variant.VariantName));
        if (new Set(names).size !== names.length) invalid("The variant names in ProductionVariants must be unique.");
        for (const variant of variants) {
          if (!models.has(String(variant.ModelName))) invalid(`Could not find model "${arn("model", String(variant.ModelName))}".`);
          if (!variant.ServerlessConfig && (!variant.InstanceType || !variant.InitialInstanceCount)) {
            invalid(`Production variant ${String(variant.VariantName)} needs an InstanceType and an InitialInstanceCount.`);
          }
        }
        configs.set(name, { arn: arn("endpoint-config", name), input, createdAt: now() });
        if (input.Tags) tags.set(arn("endpoint-config", name), input.Tags as Array<{ Key: string; Value: string }>);
        return { EndpointConfigArn: arn("endpoint-config", name) };
      },
      DescribeEndpointConfig(input: Json) {
        const config = configNamed(input.EndpointConfigName);
        const { Tags: _tags, ...rest } = config.input;
        void _tags;
        return { ...rest, EndpointConfigArn: config.arn, CreationTime: seconds(config.createdAt) };
      },
      ListEndpointConfigs(input: Json) {
        return listNamed(
          [...configs.entries()],
          input,
          (name, config) => ({ EndpointConfigName: name, EndpointConfigArn: config.arn, CreationTime: seconds(config.createdAt) }),
          "EndpointConfigs",
        );
      },
      DeleteEndpointConfig(input: Json) {
        const name = String(input.EndpointConfigName);
        if (!configs.delete(name)) invalid(`Could not find endpoint configuration "${arn("endpoint-config", name)}".`);
        return {};
      },
      async CreateEndpoint(input: Json) {
        const name = String(input.EndpointName);
        const existing = endpoints.get(name);
        if (existing) advance(existing);
        if (endpoints.has(name)) invalid(`Cannot create already existing endpoint "${arn("endpoint", name)}".`);
        const configName = String(input.EndpointConfigName);
        configNamed(configName);
        const start = now();
        const endpoint: FakeEndpoint = {
          name,
          arn: arn("endpoint", name),
          createdAt: start,
          lastModified: start,
          status: "Creating",
          configName,
          variants: variantsOf(configName, start),
          phases: [],
        };
        const problem = await fleetProblem(configName);
        endpoint.phases.push({
          at: start + timing.endpointProvisionMs,
          run: () => {
            if (problem) {
              endpoint.status = "Failed";
              endpoint.failureReason = problem;
              for (const variant of endpoint.variants) variant.statuses = [];
              return;
            }
            activate(endpoint.variants);
            endpoint.status = "InService";
          },
        });
        endpoints.set(name, endpoint);
        if (input.Tags) tags.set(endpoint.arn, input.Tags as Array<{ Key: string; Value: string }>);
        return { EndpointArn: endpoint.arn };
      },
      DescribeEndpoint(input: Json) {
        return describeEndpoint(endpointNamed(input.EndpointName));
      },
      ListEndpoints(input: Json) {
        for (const endpoint of [...endpoints.values()]) advance(endpoint);
        const contains = typeof input.NameContains === "string" ? input.NameContains.toLowerCase() : undefined;
        const matching = [...endpoints.values()].filter(
          (endpoint) => (contains === undefined || endpoint.name.toLowerCase().includes(contains)) && (input.StatusEquals === undefined || endpoint.status === input.StatusEquals),
        );
        const sortBy = (input.SortBy as string | undefined) ?? "CreationTime";
        const direction = input.SortOrder === "Ascending" ? 1 : -1;
        const key = (e: FakeEndpoint) => (sortBy === "Name" ? e.name : sortBy === "Status" ? e.status : String(e.createdAt).padStart(16, "0"));
        matching.sort((a, b) => direction * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
        const start = decodeToken(input.NextToken);
        const limit = (input.MaxResults as number | undefined) ?? 10;
        const page = matching.slice(start, start + limit);
        return {
          Endpoints: page.map((endpoint) => ({
            EndpointName: endpoint.name,
            EndpointArn: endpoint.arn,
            CreationTime: seconds(endpoint.createdAt),
            LastModifiedTime: seconds(endpoint.lastModified),
            EndpointStatus: endpoint.status,
          })),
          ...(start + limit < matching.length ? { NextToken: encodeToken(start + limit) } : {}),
        };
      },
      async UpdateEndpoint(input: Json) {
        const endpoint = endpointNamed(input.EndpointName);
        if (endpoint.status !== "InService") invalid(`Cannot update in-progress endpoint "${endpoint.arn}".`);
        const configName = String(input.EndpointConfigName);
        configNamed(configName);
        const deployment = input.DeploymentConfig as Json | undefined;
        const routing = ((deployment?.BlueGreenUpdatePolicy as Json | undefined)?.TrafficRoutingConfiguration ?? undefined) as Json | undefined;
        const green = variantsOf(configName, now());
        if (routing?.Type === "CANARY" && !routing.CanarySize) invalid("CanarySize must be specified for the CANARY traffic routing type.");
        if (routing?.Type === "LINEAR" && !routing.LinearStepSize) invalid("LinearStepSize must be specified for the LINEAR traffic routing type.");
        if (routing && routing.Type !== "ALL_AT_ONCE") {
          const before = endpoint.variants.map((variant) => variant.name).sort().join(",");
          const after = green.map((variant) => variant.name).sort().join(",");
          if (before !== after) {
            invalid(`Traffic shifting of type ${String(routing.Type)} needs the new endpoint configuration to keep the variant names of the current one (${before}).`);
          }
        }
        const blocked = options.scaledVariants(endpoint.name).filter((variantName) => {
          const next = green.find((variant) => variant.name === variantName);
          const current = endpoint.variants.find((variant) => variant.name === variantName);
          return !next || next.instanceType !== current?.instanceType;
        });
        if (blocked.length > 0) {
          invalid(
            `The variant(s) "[${blocked.join(", ")}]" must be deregistered as scalable targets with AWS Application Auto Scaling before their instance type can change or they can be removed.`,
          );
        }
        planUpdate(endpoint, configName, deployment, await fleetProblem(configName));
        return { EndpointArn: endpoint.arn };
      },
      UpdateEndpointWeightsAndCapacities(input: Json) {
        const endpoint = endpointNamed(input.EndpointName);
        if (endpoint.status !== "InService") invalid(`Cannot update in-progress endpoint "${endpoint.arn}".`);
        const desired = input.DesiredWeightsAndCapacities as Array<{ VariantName: string; DesiredWeight?: number; DesiredInstanceCount?: number }>;
        const unknown = desired.filter((entry) => !endpoint.variants.some((variant) => variant.name === entry.VariantName)).map((entry) => entry.VariantName);
        if (unknown.length > 0) invalid(`The variant(s) "[${unknown.join(", ")}]" is/are not present in the endpoint.`);
        const start = now();
        endpoint.status = "Updating";
        for (const entry of desired) {
          const variant = endpoint.variants.find((candidate) => candidate.name === entry.VariantName)!;
          if (entry.DesiredWeight !== undefined) variant.desiredWeight = entry.DesiredWeight;
          if (entry.DesiredInstanceCount !== undefined) variant.desiredInstanceCount = entry.DesiredInstanceCount;
          variant.statuses = [{ Status: "Updating", StartTime: start, StatusMessage: "Updating weight and capacity" }];
        }
        endpoint.phases.push({
          at: start + timing.endpointProvisionMs / 4,
          run: () => {
            for (const variant of endpoint.variants) {
              variant.weight = variant.desiredWeight;
              variant.currentInstanceCount = variant.desiredInstanceCount;
              variant.statuses = [];
            }
            endpoint.status = "InService";
          },
        });
        return { EndpointArn: endpoint.arn };
      },
      DeleteEndpoint(input: Json) {
        const endpoint = endpointNamed(input.EndpointName);
        if (endpoint.status === "Deleting") return {};
        endpoint.status = "Deleting";
        endpoint.phases = [{ at: now() + timing.endpointProvisionMs / 4, run: () => void (endpoint.deleted = true) }];
        return {};
      },
      AddTags(input: Json) {
        const resource = String(input.ResourceArn);
        const current = tags.get(resource) ?? [];
        for (const tag of input.Tags as Array<{ Key: string; Value: string }>) {
          const existing = current.find((candidate) => candidate.Key === tag.Key);
          if (existing) existing.Value = tag.Value;
          else current.push(tag);
        }
        tags.set(resource, current);
        return { Tags: current };
      },
      ListTags(input: Json) {
        return { Tags: tags.get(String(input.ResourceArn)) ?? [] };
      },
    },
    tags,
  };

  function describeEndpoint(endpoint: FakeEndpoint) {
    const share = endpoint.pending?.share ?? 0;
    const summary = (variant: FakeVariant, fleetShare: number, pending: boolean) => {
      const model = models.get(variant.modelName)?.input;
      const container = (model?.PrimaryContainer ?? (model?.Containers as Json[] | undefined)?.[0]) as Json | undefined;
      const image = container?.Image as string | undefined;
      const live = variant.currentInstanceCount > 0;
      return {
        VariantName: variant.name,
        ...(image && live
          ? { DeployedImages: [{ SpecifiedImage: image, ResolvedImage: `${image.split(":")[0]}@sha256:${createHash("sha256").update(image).digest("hex")}`, ResolutionTime: seconds(endpoint.createdAt) }] }
          : {}),
        ...(live ? { CurrentWeight: round(variant.weight * fleetShare), CurrentInstanceCount: variant.currentInstanceCount } : {}),
        DesiredWeight: round(variant.desiredWeight),
        DesiredInstanceCount: variant.desiredInstanceCount,
        ...(pending && variant.instanceType ? { InstanceType: variant.instanceType } : {}),
        ...(variant.statuses.length > 0 ? { VariantStatus: variant.statuses.map((s) => ({ ...s, StartTime: seconds(s.StartTime) })) } : {}),
      };
    };
    return {
      EndpointName: endpoint.name,
      EndpointArn: endpoint.arn,
      EndpointConfigName: endpoint.configName,
      ProductionVariants: endpoint.variants.map((variant) => summary(variant, 1 - share, false)),
      EndpointStatus: endpoint.status,
      ...(endpoint.failureReason ? { FailureReason: endpoint.failureReason } : {}),
      CreationTime: seconds(endpoint.createdAt),
      LastModifiedTime: seconds(endpoint.lastModified),
      ...(endpoint.lastDeploymentConfig ? { LastDeploymentConfig: endpoint.lastDeploymentConfig } : {}),
      ...(endpoint.pending
        ? {
            PendingDeploymentSummary: {
              EndpointConfigName: endpoint.pending.configName,
              ProductionVariants: endpoint.pending.variants.map((variant) => summary(variant, share, true)),
              StartTime: seconds(endpoint.pending.startTime),
            },
          }
        : {}),
    };
  }
}

export type FakeHosting = ReturnType<typeof createHosting>;

/** The traffic share the green fleet has after each step of a routing configuration. */
function trafficSteps(routing: Json, totalInstances: number): number[] {
  const fraction = (size: Json | undefined) => {
    if (!size) return 1;
    const value = Number(size.Value);
    return size.Type === "INSTANCE_COUNT" ? Math.min(1, value / Math.max(1, totalInstances)) : Math.min(1, value / 100);
  };
  if (routing.Type === "CANARY") return [fraction(routing.CanarySize as Json), 1];
  if (routing.Type === "LINEAR") {
    const step = fraction(routing.LinearStepSize as Json);
    const steps: number[] = [];
    for (let share = step; share < 1 - 1e-9; share += step) steps.push(Math.round(share * 1000) / 1000);
    steps.push(1);
    return steps;
  }
  return [1];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function listNamed<T>(entries: Array<[string, T]>, input: Json, row: (name: string, item: T) => Json, key: string) {
  const contains = typeof input.NameContains === "string" ? input.NameContains.toLowerCase() : undefined;
  const matching = entries.filter(([name]) => contains === undefined || name.toLowerCase().includes(contains)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (input.SortOrder !== "Ascending") matching.reverse();
  const start = decodeToken(input.NextToken);
  const limit = (input.MaxResults as number | undefined) ?? 10;
  return {
    [key]: matching.slice(start, start + limit).map(([name, item]) => row(name, item)),
    ...(start + limit < matching.length ? { NextToken: encodeToken(start + limit) } : {}),
  };
}
