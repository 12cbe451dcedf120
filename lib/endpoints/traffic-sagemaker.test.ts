import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import type { EndpointView } from "@/lib/schemas/endpoints";
import { createTarget } from "@/lib/targets/create-target";
import { manualClock, startFakeAws, type ContainerRequest, type FakeAws } from "@/test/support/aws";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { createEndpoint } from "./create-endpoint";
import { deployCanary } from "./deploy-canary";
import { getEndpoint } from "./list-endpoints";
import { predict } from "./predict";
import { promoteCanary } from "./promote-canary";
import { resumeEndpoints } from "./resume-endpoints";
import { rollbackCanary } from "./rollback-canary";
import { shiftTraffic } from "./shift-traffic";
import { updateEndpointSettings } from "./update-endpoint-settings";

// Canary releases driven through the endpoints domain on the fake AWS account: the console's
// variants become SageMaker production variants named primary / canary with their traffic as
// weights, shifts are UpdateEndpointWeightsAndCapacities, promote and roll back are blue/green
// UpdateEndpoints. A manual clock moves the fleets, so every transition is exact.

const BUCKET = "endpoint-traffic-test";
const SERVING_IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/paddleocr-serve:2.7";
const artifact = (version: string) => `s3://${BUCKET}/training/det-${version}/output/model.tar.gz`;
const box = [
  [2, 3],
  [60, 3],
  [60, 20],
  [2, 20],
];

describe("canary releases on a SageMaker target", () => {
  const clock = manualClock();
  let aws: FakeAws;
  let db: Database;
  let editor: Actor;
  let viewer: Actor;
  const requests: ContainerRequest[] = [];

  const weights = (view: EndpointView) => view.variants!.map((v) => `${v.role} ${v.model.version} ${v.trafficPercent}%`);
  const fleet = (view: EndpointView) => (view.live?.variants ?? []).filter((v) => !v.pending).map((v) => `${v.name} ${v.weight}% ×${v.instances}`);
  const view = (name: string) => getEndpoint(db.prisma, viewer, name);
  /** Lets the fake finish whatever the endpoint is doing (a new fleet, its wait intervals, a weight change). */
  const settle = () => clock.advance(aws.timing.endpointProvisionMs + 400 * aws.timing.secondMs);
  const updatesOf = (operation: string) => aws.inputsOf(operation).length;

  beforeAll(async () => {
    process.env.CONSOLE_SECRET_KEY ??= "endpoint-traffic-test-key";
    useTestObjectStore();
    aws = await startFakeAws({ region: "eu-west-1", clock, objectStore: inject("objectStore"), buckets: [BUCKET] });
    for (const version of ["1", "2", "3"]) await aws.s3!.put(artifact(version), Buffer.from(`model ${version}`), "application/gzip");
    aws.setContainer(async (request) => {
      requests.push(request);
      return { body: JSON.stringify({ label: [request.variant], confidence: [0.97], bbox: [box] }) };
    });
    db = await openTestDatabase("pglite");
    const admin = await seedActor(db.prisma, "admin");
    editor = await seedActor(db.prisma, "editor", admin.teamId);
    viewer = await seedActor(db.prisma, "viewer", admin.teamId);
    await createTarget(db.prisma, admin, {
      name: "aws",
      kind: "sagemaker",
      config: { region: "eu-west-1", roleArn: "arn:aws:iam::123456789012:role/SageMakerExecution", s3OutputPrefix: `s3://${BUCKET}/console`, endpointOverride: aws.url, servingImage: SERVING_IMAGE },
      secrets: { ...aws.credentials },
    });
    for (const version of ["1", "2", "3"]) {
      await db.prisma.modelVersion.create({ data: { teamId: admin.teamId, modelName: "det", version, storageUri: artifact(version), format: "sagemaker-model-tarball" } });
    }
  });
  afterAll(async () => {
    await db?.close();
    await aws?.close();
  });

  it("creates an endpoint with its fleet, runs a canary at 10 %, shifts to 50 %, promotes it", async () => {
    const created = await createEndpoint(db.prisma, editor, {
      name: "invoices",
      target: "aws",
      model: { name: "det", version: "1" },
      config: { primary: { instanceType: "ml.m5.large", instanceCount: 2 }, canary: { instanceType: "ml.m5.large", instanceCount: 1 } },
    });
    expect(created).toMatchObject({ state: "starting", canSplitTraffic: true, live: { phase: "Creating" } });
    expect(created.config).toMatchObject({ primary: { instanceType: "ml.m5.large", instanceCount: 2 }, deployment: { type: "ALL_AT_ONCE" }, invocation: { mode: "raw" } });
    settle();
    expect(fleet(await view("invoices"))).toEqual(["primary 100% ×2"]);

    const canary = await deployCanary(db.prisma, editor, "invoices", { model: { name: "det", version: "2" }, trafficPercent: 10 });
    expect(weights(canary)).toEqual(["primary 1 90%", "canary 2 10%"]);
    expect(canary.live?.phase).toBe("Updating");
    const config = aws.inputsOf("CreateEndpointConfig").at(-1) as { ProductionVariants: Array<Record<string, unknown>> };
    expect(config.ProductionVariants).toMatchObject([
      { VariantName: "primary", InstanceType: "ml.m5.large", InitialInstanceCount: 2, InitialVariantWeight: 90 },
      { VariantName: "canary", InstanceType: "ml.m5.large", InitialInstanceCount: 1, InitialVariantWeight: 10 },
    ]);
    // SageMaker takes one change at a time: a shift while the canary's fleet comes up is refused, and nothing is recorded.
    await expect(shiftTraffic(db.prisma, editor, "invoices", { canaryPercent: 50 })).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("is Updating") });
    expect(weights(await view("invoices"))).toEqual(["primary 1 90%", "canary 2 10%"]);
    settle();
    expect(fleet(await view("invoices"))).toEqual(["primary 90% ×2", "canary 10% ×1"]);

    // Viewers test it: each request lands on a variant by its weight.
    const image = await sharp({ create: { width: 64, height: 32, channels: 3, background: "#ffffff" } }).png().toBuffer();
    expect(["primary", "canary"]).toContain((await predict(db.prisma, viewer, "invoices", image)).lines[0]?.text);

    const updates = updatesOf("UpdateEndpoint");
    const shifted = await shiftTraffic(db.prisma, editor, "invoices", { canaryPercent: 50 });
    expect(weights(shifted)).toEqual(["primary 1 50%", "canary 2 50%"]);
    expect(aws.inputsOf("UpdateEndpointWeightsAndCapacities").at(-1)).toMatchObject({
      DesiredWeightsAndCapacities: [
        { VariantName: "primary", DesiredWeight: 50 },
        { VariantName: "canary", DesiredWeight: 50 },
      ],
    });
    expect(updatesOf("UpdateEndpoint")).toBe(updates); // weights move without a new fleet
    settle();
    expect(fleet(await view("invoices"))).toEqual(["primary 50% ×2", "canary 50% ×1"]);

    const promoted = await promoteCanary(db.prisma, editor, "invoices", { canary: { name: "det", version: "2" } });
    expect(promoted.model).toEqual({ name: "det", version: "2" });
    expect(weights(promoted)).toEqual(["primary 2 100%"]);
    settle();
    const after = await view("invoices");
    expect(after).toMatchObject({ state: "ready", live: { phase: "InService" } });
    expect(fleet(after)).toEqual(["primary 100% ×2"]);
    const last = aws.inputsOf("CreateModel").at(-1) as { PrimaryContainer: { ModelDataUrl: string } };
    expect(last.PrimaryContainer.ModelDataUrl).toBe(artifact("2"));
    requests.splice(0);
    await predict(db.prisma, viewer, "invoices", image);
    expect(requests.map((r) => [r.variant, r.container.ModelDataUrl])).toEqual([["primary", artifact("2")]]);

    const audit = await db.prisma.auditEvent.findMany({ where: { objectId: created.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["endpoint.create", "endpoint.canary.deploy", "endpoint.traffic.shift", "endpoint.canary.promote"]);
  });

  it("rolls a canary back to the primary's fleet", async () => {
    await createEndpoint(db.prisma, editor, { name: "forms", target: "aws", model: { name: "det", version: "1" } });
    settle();
    await deployCanary(db.prisma, editor, "forms", { model: { name: "det", version: "3" }, trafficPercent: 20 });
    settle();
    expect(fleet(await view("forms"))).toEqual(["primary 80% ×1", "canary 20% ×1"]);
    const rolledBack = await rollbackCanary(db.prisma, editor, "forms");
    expect(weights(rolledBack)).toEqual(["primary 1 100%"]);
    settle();
    expect(fleet(await view("forms"))).toEqual(["primary 100% ×1"]);
    requests.splice(0);
    await predict(db.prisma, viewer, "forms", await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } }).png().toBuffer());
    expect(requests.map((r) => [r.variant, r.container.ModelDataUrl])).toEqual([["primary", artifact("1")]]);
  });

  it("keeps a canary and the endpoint's settings across a console restart without touching the fleet", async () => {
    await createEndpoint(db.prisma, editor, {
      name: "receipts",
      target: "aws",
      model: { name: "det", version: "1" },
      config: { invocation: { mode: "s3-reference" }, autoscaling: { minInstances: 1, maxInstances: 3, targetInvocationsPerInstance: 150 } },
    });
    settle();
    await deployCanary(db.prisma, editor, "receipts", { model: { name: "det", version: "2" }, trafficPercent: 25 });
    settle();
    await view("receipts"); // in service: auto scaling is applied to both variants
    expect(aws.autoscaling.targets.filter((t) => String(t.ResourceId).includes("receipts-")).map((t) => [t.ResourceId, t.MinCapacity, t.MaxCapacity])).toEqual([
      [expect.stringMatching(/\/variant\/primary$/), 1, 3],
      [expect.stringMatching(/\/variant\/canary$/), 1, 3],
    ]);

    // A fresh console process: the SageMaker backend remembers nothing, the database everything.
    (globalThis as { __ocrConsoleSagemakerEndpoints?: Map<string, unknown> }).__ocrConsoleSagemakerEndpoints?.clear();
    const before = { updates: updatesOf("UpdateEndpoint"), shifts: updatesOf("UpdateEndpointWeightsAndCapacities"), endpoints: updatesOf("CreateEndpoint") };
    const log: string[] = [];
    await resumeEndpoints(db.prisma, (message) => log.push(message));
    expect(log).toContain("serving endpoint receipts (det:1 75%, det:2 25%) on aws");
    expect({ updates: updatesOf("UpdateEndpoint"), shifts: updatesOf("UpdateEndpointWeightsAndCapacities"), endpoints: updatesOf("CreateEndpoint") }).toEqual(before);
    const resumed = await view("receipts");
    expect(resumed).toMatchObject({ state: "ready", live: { phase: "InService" } });
    expect(fleet(resumed)).toEqual(["primary 75% ×1", "canary 25% ×1"]);
    expect(weights(resumed)).toEqual(["primary 1 75%", "canary 2 25%"]);

    // The invocation mapping came back with it: the image goes as the seed's S3 reference.
    requests.splice(0);
    await predict(db.prisma, viewer, "receipts", await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } }).png().toBuffer());
    expect(requests[0]).toMatchObject({ contentType: "application/json" });
    expect(JSON.parse(requests[0]!.body.toString())).toMatchObject({ bucket: BUCKET, image_uri: expect.stringMatching(/^console\/invocations\//) });
  });

  it("changes autoscaling in place, and refuses settings SageMaker would refuse", async () => {
    const changed = await updateEndpointSettings(db.prisma, editor, "receipts", {
      config: { invocation: { mode: "s3-reference" }, autoscaling: { minInstances: 2, maxInstances: 6, targetInvocationsPerInstance: 300 } },
    });
    expect(changed.config).toMatchObject({ autoscaling: { minInstances: 2, maxInstances: 6, targetInvocationsPerInstance: 300 } });
    await view("receipts");
    expect(aws.inputsOf("RegisterScalableTarget").at(-1)).toMatchObject({ MinCapacity: 2, MaxCapacity: 6 });
    expect(aws.inputsOf("PutScalingPolicy").at(-1)).toMatchObject({ TargetTrackingScalingPolicyConfiguration: { TargetValue: 300 } });
    await expect(
      updateEndpointSettings(db.prisma, editor, "receipts", { config: { autoscaling: { minInstances: 5, maxInstances: 2 }, deployment: { type: "BLUE" } } }),
    ).rejects.toMatchObject({
      code: "bad_request",
      fieldErrors: { "config.autoscaling.maxInstances": ["Max instances must be at least min instances"], "config.deployment.type": [expect.any(String)] },
    });
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "endpoint.settings.update" } });
    expect(audit).toHaveLength(1);
  });
});
