import { PutObjectCommand } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { SagemakerTargetConfig } from "@/lib/schemas/targets";
import { manualClock, startFakeAws, type ContainerRequest, type FakeAws } from "@/test/support/aws";
import type { EndpointBackend, EndpointDeployment } from "../types";
import { createAwsClients } from "./aws-clients";
import type { SagemakerEndpointRuntime } from "./sagemaker-endpoints";
import { sagemakerProvider } from "./sagemaker-provider";

const BUCKET = "sagemaker-endpoints-test";
const SERVING_IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/paddleocr-serve:2.7";
const V1 = `s3://${BUCKET}/training/det-1/output/model.tar.gz`;
const V2 = `s3://${BUCKET}/training/det-2/output/model.tar.gz`;
const box = [
  [2, 3],
  [60, 3],
  [60, 20],
  [2, 20],
];

describe("SageMaker endpoints, against the fake AWS account", () => {
  const clock = manualClock();
  let aws: FakeAws;
  let config: SagemakerTargetConfig;
  let endpoints: EndpointBackend;
  let image: Buffer;
  const requests: ContainerRequest[] = [];

  beforeAll(async () => {
    aws = await startFakeAws({ region: "eu-west-1", clock, objectStore: inject("objectStore"), buckets: [BUCKET] });
    config = {
      region: "eu-west-1",
      roleArn: "arn:aws:iam::123456789012:role/SageMakerExecution",
      s3OutputPrefix: `s3://${BUCKET}/console`,
      endpointOverride: aws.url,
      servingImage: SERVING_IMAGE,
    };
    endpoints = sagemakerProvider({ name: "aws", kind: "sagemaker", config, secrets: { ...aws.credentials } }).endpoints!;
    const s3 = createAwsClients(config, aws.credentials).s3;
    for (const uri of [V1, V2]) await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: uri.replace(`s3://${BUCKET}/`, ""), Body: "model" }));
    s3.destroy();
    image = await sharp({ create: { width: 64, height: 32, channels: 3, background: "#ffffff" } }).png().toBuffer();
    aws.setContainer(async (request) => {
      requests.push(request);
      let bytes = request.body;
      if (request.contentType === "application/json") {
        const reference = JSON.parse(request.body.toString()) as { bucket: string; image_uri: string };
        bytes = Buffer.from((await aws.s3!.get(reference.bucket, reference.image_uri)) ?? new Uint8Array());
      }
      return { body: JSON.stringify({ label: [`${request.variant}:${bytes.length}`], confidence: [0.97], bbox: [box] }) };
    });
  });
  beforeEach(() => requests.splice(0));
  afterAll(() => aws.close());

  const deployment = (overrides: Partial<EndpointDeployment> = {}): EndpointDeployment => ({
    id: "cm0endpoint00000000000001",
    name: "invoices",
    modelSource: V1,
    params: { det_db_thresh: 0.3 },
    variants: [{ role: "primary", modelName: "det", version: "1", storageUri: V1, format: null, trafficPercent: 100 }],
    config: { primary: { instanceType: "ml.m5.large", instanceCount: 2 } },
    ...overrides,
  });
  const status = async (id = deployment().id) => (await endpoints.status(id)) as SagemakerEndpointRuntime;
  const creates = () => aws.calls.filter((call) => /^(Create|Update)/.test(call.operation)).map((call) => call.operation);

  it("deploys a model version as an endpoint: model, config, endpoint, Creating → InService", async () => {
    await endpoints.deploy(deployment());
    expect(creates()).toEqual(["CreateModel", "CreateEndpointConfig", "CreateEndpoint"]);
    const model = aws.inputsOf("CreateModel")[0] as { ModelName: string; PrimaryContainer: Record<string, unknown> };
    expect(model.PrimaryContainer).toEqual({ Image: SERVING_IMAGE, ModelDataUrl: V1, Environment: { OCR_CONSOLE_PARAMS: '{"det_db_thresh":0.3}' } });
    expect(aws.inputsOf("CreateEndpointConfig")[0]).toMatchObject({
      ProductionVariants: [{ VariantName: "primary", ModelName: model.ModelName, InstanceType: "ml.m5.large", InitialInstanceCount: 2, InitialVariantWeight: 100 }],
    });

    expect(await status()).toMatchObject({ state: "starting", phase: "Creating", endpointName: "invoices-16759722" });
    clock.advance(aws.timing.endpointProvisionMs);
    expect(await status()).toMatchObject({
      state: "ready",
      phase: "InService",
      reason: null,
      variants: [{ name: "primary", currentWeight: 100, desiredWeight: 100, currentInstanceCount: 2, desiredInstanceCount: 2, statuses: [] }],
      pending: null,
    });

    // The same deployment again (a retry, the console's restart) finds what the first one made.
    const before = { models: aws.sagemaker.models.size, configs: aws.sagemaker.endpointConfigs.size, calls: creates().length };
    await endpoints.deploy(deployment());
    expect(creates().slice(before.calls)).toEqual(["CreateModel", "CreateEndpointConfig"]);
    expect([aws.sagemaker.models.size, aws.sagemaker.endpointConfigs.size]).toEqual([before.models, before.configs]);
  });

  it("invokes with the raw image and normalizes the container's answer", async () => {
    const result = await endpoints.invoke(deployment().id, image);
    expect(requests[0]).toMatchObject({ contentType: "image/png", variant: "primary" });
    expect(result.lines).toEqual([{ text: `primary:${image.length}`, score: 0.97, box }]);
    expect([result.width, result.height]).toEqual([64, 32]);
    expect(result.timings.totalMs).toBeGreaterThan(0);
  });

  it("invokes the seed's way: uploads the image under the target's prefix, sends the S3 reference, cleans up", async () => {
    await endpoints.deploy(deployment({ config: { primary: { instanceType: "ml.m5.large", instanceCount: 2 }, invocation: { mode: "s3-reference" } } }));
    const result = await endpoints.invoke(deployment().id, image);
    const sent = JSON.parse(requests[0]!.body.toString()) as Record<string, string>;
    expect(sent).toEqual({ bucket: BUCKET, image_uri: expect.stringMatching(/^console\/invocations\/invoices-16759722\/[0-9a-f-]{36}\.png$/), content_type: "application/json" });
    expect(result.lines[0]?.text).toBe(`primary:${image.length}`);
    expect(await aws.s3!.get(BUCKET, sent.image_uri!)).toBeNull();
  });

  it("rolls a canary update out under its alarm, and back when the alarm fires", async () => {
    const canaryPolicy = { type: "CANARY", canaryPercent: 10, waitSeconds: 300, terminationWaitSeconds: 60, rollbackAlarms: ["invoices-5xx"] };
    const v2 = deployment({
      variants: [{ role: "primary", modelName: "det", version: "2", storageUri: V2, format: null, trafficPercent: 100 }],
      config: { primary: { instanceType: "ml.m5.large", instanceCount: 2 }, deployment: canaryPolicy },
    });
    const oldConfig = (await status()).configName;
    await endpoints.deploy(v2);
    expect(aws.inputsOf("UpdateEndpoint").at(-1)).toMatchObject({
      DeploymentConfig: {
        BlueGreenUpdatePolicy: {
          TrafficRoutingConfiguration: { Type: "CANARY", WaitIntervalInSeconds: 300, CanarySize: { Type: "CAPACITY_PERCENT", Value: 10 } },
          TerminationWaitInSeconds: 60,
        },
        AutoRollbackConfiguration: { Alarms: [{ AlarmName: "invoices-5xx" }] },
      },
    });
    clock.advance(aws.timing.endpointProvisionMs);
    const canary = await status();
    expect(canary).toMatchObject({ state: "ready", phase: "Updating", reason: "Updating — 10% of traffic on the new fleet" });
    expect(canary.pending?.variants[0]).toMatchObject({ name: "primary", currentWeight: 10, statuses: ["ActivatingTraffic"] });
    await expect(endpoints.deploy(v2)).resolves.toBeUndefined(); // already on its way: nothing to do

    aws.setAlarm("invoices-5xx", "ALARM");
    clock.advance(300 * aws.timing.secondMs);
    expect(await status()).toMatchObject({ state: "ready", phase: "RollingBack", reason: 'Rolling back: Update rolled back because CloudWatch alarm "invoices-5xx" went into ALARM state.' });
    clock.advance(aws.timing.endpointProvisionMs);
    const back = await status();
    expect(back).toMatchObject({ state: "ready", phase: "InService", configName: oldConfig, pending: null });
    expect(back.reason).toMatch(/^Last update did not complete: Update rolled back because CloudWatch alarm "invoices-5xx"/);
    aws.setAlarm("invoices-5xx", "OK");

    await endpoints.deploy(v2);
    clock.advance(aws.timing.endpointProvisionMs + 300 * aws.timing.secondMs + 60 * aws.timing.secondMs + 10);
    const done = await status();
    expect(done).toMatchObject({ phase: "InService", pending: null, reason: null });
    expect(done.configName).not.toBe(oldConfig);
  });

  it("splits traffic between a primary and a canary version, and shifts it without a new fleet", async () => {
    const split = (primary: number, canary: number, canaryUri = V1) =>
      deployment({
        variants: [
          { role: "primary", modelName: "det", version: "2", storageUri: V2, format: null, trafficPercent: primary },
          { role: "canary", modelName: "det", version: "1", storageUri: canaryUri, format: null, trafficPercent: canary },
        ],
        config: { primary: { instanceType: "ml.m5.large", instanceCount: 2 }, canary: { instanceType: "ml.m5.large", instanceCount: 1 }, deployment: { type: "CANARY" } },
      });
    await endpoints.deploy(split(90, 10));
    // A new variant has no old fleet to shift from: the update goes all at once.
    expect((aws.inputsOf("UpdateEndpoint").at(-1) as { DeploymentConfig: { BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: { Type: string } } } }).DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.Type).toBe(
      "ALL_AT_ONCE",
    );
    clock.advance(aws.timing.endpointProvisionMs + 300 * aws.timing.secondMs + 10);
    expect((await status()).variants.map((v) => [v.name, v.currentWeight])).toEqual([
      ["primary", 90],
      ["canary", 10],
    ]);

    const updatesBefore = aws.inputsOf("UpdateEndpoint").length;
    await endpoints.shiftTraffic!(split(50, 50));
    expect(aws.inputsOf("UpdateEndpoint").length).toBe(updatesBefore);
    expect(aws.inputsOf("UpdateEndpointWeightsAndCapacities").at(-1)).toEqual({
      EndpointName: "invoices-16759722",
      DesiredWeightsAndCapacities: [
        { VariantName: "primary", DesiredWeight: 50 },
        { VariantName: "canary", DesiredWeight: 50 },
      ],
    });
    expect((await status()).phase).toBe("Updating");
    clock.advance(aws.timing.endpointProvisionMs);
    expect((await status()).variants.map((v) => [v.name, v.currentWeight])).toEqual([
      ["primary", 50],
      ["canary", 50],
    ]);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) seen.add((await endpoints.invoke(deployment().id, image)).lines[0]!.text.split(":")[0]!);
    expect(seen).toEqual(new Set(["primary", "canary"]));
  });

  it("scales each variant once it is in service, and releases scaling before changing a scaled variant's instance type", async () => {
    const scaled = deployment({
      config: { primary: { instanceType: "ml.m5.large", instanceCount: 2 }, autoscaling: { minInstances: 2, maxInstances: 5, targetInvocationsPerInstance: 200 } },
    });
    await endpoints.deploy(scaled);
    clock.advance(aws.timing.endpointProvisionMs + 300 * aws.timing.secondMs + 10);
    await status();
    expect(aws.inputsOf("RegisterScalableTarget").at(-1)).toEqual({
      ServiceNamespace: "sagemaker",
      ResourceId: "endpoint/invoices-16759722/variant/primary",
      ScalableDimension: "sagemaker:variant:DesiredInstanceCount",
      MinCapacity: 2,
      MaxCapacity: 5,
    });
    expect(aws.inputsOf("PutScalingPolicy").at(-1)).toMatchObject({
      PolicyType: "TargetTrackingScaling",
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 200, PredefinedMetricSpecification: { PredefinedMetricType: "SageMakerVariantInvocationsPerInstance" } },
    });
    const registrations = aws.inputsOf("RegisterScalableTarget").length;
    await status();
    expect(aws.inputsOf("RegisterScalableTarget").length).toBe(registrations);

    await endpoints.deploy(deployment({ config: { primary: { instanceType: "ml.c5.xlarge", instanceCount: 2 }, autoscaling: { minInstances: 2, maxInstances: 5 } } }));
    expect(aws.calls.map((c) => c.operation).filter((op) => op === "DeregisterScalableTarget" || op === "UpdateEndpoint").slice(-2)).toEqual([
      "DeregisterScalableTarget",
      "UpdateEndpoint",
    ]);
    clock.advance(aws.timing.endpointProvisionMs + 300 * aws.timing.secondMs + 10);
    await status();
    expect(aws.autoscaling.targets.map((t) => t.ResourceId)).toEqual(["endpoint/invoices-16759722/variant/primary"]);
  });

  it("finds its endpoint by id after a restart, and undeploys everything it made", async () => {
    (globalThis as { __ocrConsoleSagemakerEndpoints?: Map<string, unknown> }).__ocrConsoleSagemakerEndpoints?.clear();
    expect(await status()).toMatchObject({ state: "ready", endpointName: "invoices-16759722" });
    await endpoints.undeploy(deployment().id);
    expect(await status()).toMatchObject({ state: "stopped", phase: "Deleting" });
    clock.advance(aws.timing.endpointProvisionMs);
    expect(await status()).toMatchObject({ state: "stopped", reason: "Not deployed on SageMaker" });
    expect([...aws.sagemaker.models.keys()].filter((name) => name.startsWith("invoices-"))).toEqual([]);
    expect([...aws.sagemaker.endpointConfigs.keys()].filter((name) => name.startsWith("invoices-"))).toEqual([]);
    expect(aws.autoscaling.targets).toEqual([]);
    await endpoints.undeploy(deployment().id);
  });

  it("reports a fleet that cannot come up, and refuses models SageMaker cannot read", async () => {
    const broken = deployment({
      id: "cm0endpoint00000000000002",
      name: "broken",
      variants: [{ role: "primary", modelName: "det", version: "9", storageUri: `s3://${BUCKET}/nothing/model.tar.gz`, format: null, trafficPercent: 100 }],
    });
    await endpoints.deploy(broken);
    clock.advance(aws.timing.endpointProvisionMs);
    expect(await status(broken.id)).toMatchObject({ state: "failed", reason: expect.stringContaining("Failed to download model data") });
    await expect(endpoints.deploy({ ...broken, variants: [{ ...broken.variants![0]!, storageUri: "minio://model-center/det/9/" }] })).rejects.toThrow(/SageMaker reads models from S3/);
    await expect(endpoints.invoke("cm0nothing", image)).rejects.toThrow("The endpoint is not deployed on SageMaker.");
  });
});
