import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import type { EndpointView } from "@/lib/schemas/endpoints";
import { createTarget } from "@/lib/targets/create-target";
import { renderTextPng } from "@/lib/ocr/test-images";
import { startFakeCluster, type FakeCluster } from "@/test/support/kube-apiserver/fake-cluster";
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

// Canary releases driven through the endpoints domain on the fake PaddleCloud cluster: the console's
// desired variants become the PaddleService's default / canary and canaryTrafficPercent, the
// simulated ElasticServing turns them into a Knative traffic split, and the endpoint view shows it.
// One cluster and one database serve the whole file.

type PaddleServiceSpec = {
  default: { arg: string };
  canary?: { arg: string };
  canaryTrafficPercent?: number;
  service: Record<string, unknown>;
};

describe("canary releases on a Kubernetes target", () => {
  let cluster: FakeCluster;
  let db: Database;
  let editor: Actor;
  let viewer: Actor;

  const services = () => cluster.api.resource("elasticserving.paddlepaddle.org", "paddleservices");
  const specOf = (name: string) => services().get("kubeflow", name)?.spec as PaddleServiceSpec | undefined;
  const weights = (view: EndpointView) => view.variants!.map((v) => `${v.role} ${v.model.version} ${v.trafficPercent}%`);
  const liveWeights = (view: EndpointView) => (view.live?.variants ?? []).map((v) => `${v.role} ${v.weight}`);

  /** Polls the endpoint until the backend reports what `until` wants (the operator moves in 10 ms steps). */
  async function endpointWhen(name: string, until: (view: EndpointView) => boolean): Promise<EndpointView> {
    let view = await getEndpoint(db.prisma, viewer, name);
    for (let i = 0; i < 300 && !until(view); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      view = await getEndpoint(db.prisma, viewer, name);
    }
    if (!until(view)) throw new Error(`endpoint ${name} never got there: ${JSON.stringify({ state: view.state, live: view.live })}`);
    return view;
  }
  const split = (...expected: string[]) => (view: EndpointView) => view.state === "ready" && liveWeights(view).join() === expected.join();

  beforeAll(async () => {
    process.env.CONSOLE_SECRET_KEY ??= "endpoint-traffic-test-key";
    useTestObjectStore();
    cluster = await startFakeCluster({ operator: { stepMs: 10 } });
    db = await openTestDatabase("pglite");
    const admin = await seedActor(db.prisma, "admin");
    editor = await seedActor(db.prisma, "editor", admin.teamId);
    viewer = await seedActor(db.prisma, "viewer", admin.teamId);
    await createTarget(db.prisma, admin, {
      name: "paddlecloud",
      kind: "kubernetes",
      config: { connection: "kubeconfig-inline", namespace: "kubeflow", minioEndpoint: "http://minio.kubeflow:9000" },
      secrets: { kubeconfig: cluster.kubeconfig() },
    });
    for (const version of ["3", "4", "5"]) {
      await db.prisma.modelVersion.create({
        data: { teamId: admin.teamId, modelName: "ppocr-det", version, storageUri: `s3://model-center/ppocr-det/${version}/ppocr-det.tar.gz`, format: "paddlecloud-tarball" },
      });
    }
  });
  afterAll(async () => {
    await cluster?.close();
    await db?.close();
  });

  it("deploys with its serving settings, runs a canary at 10 %, shifts to 50 %, promotes it — each step audited", async () => {
    const created = await createEndpoint(db.prisma, editor, {
      name: "receipts",
      target: "paddlecloud",
      model: { name: "ppocr-det", version: "3" },
      config: { autoscaling: { minScale: 1, maxScale: 3, metric: "concurrency", target: 10, window: "60s" }, resources: { cpu: "2", memory: "4Gi" } },
    });
    expect(created).toMatchObject({ targetKind: "kubernetes", canSplitTraffic: true, model: { name: "ppocr-det", version: "3" } });
    expect(created.config).toMatchObject({ image: "registry.baidubce.com/paddleflow-public/serving:v0.6.2", autoscaling: { minScale: 1, maxScale: 3 } });
    expect(specOf("receipts")).toMatchObject({ service: { minScale: 1, maxScale: 3, metric: "concurrency", target: 10, window: "60s" }, resources: { requests: { cpu: "2", memory: "4Gi" } } });
    const ready = await endpointWhen("receipts", split("primary 100"));
    expect(ready.live).toMatchObject({ phase: "Ready", url: "http://receipts.kubeflow.example.com" });

    const canary = await deployCanary(db.prisma, editor, "receipts", { model: { name: "ppocr-det", version: "4" }, trafficPercent: 10 });
    expect(weights(canary)).toEqual(["primary 3 90%", "canary 4 10%"]);
    expect(specOf("receipts")).toMatchObject({ canary: { arg: expect.stringContaining("/ppocr-det/4/") }, canaryTrafficPercent: 10 });
    await endpointWhen("receipts", split("primary 90", "canary 10"));
    // Viewers test it; the answer comes from whichever revision the split picked.
    const image = await renderTextPng(200, 60, [{ text: "TOTAL", x: 10, y: 40, size: 28 }]);
    expect(["ppocr-det:3", "ppocr-det:4"]).toContain((await predict(db.prisma, viewer, "receipts", image)).lines[0]?.text);

    const shifted = await shiftTraffic(db.prisma, editor, "receipts", { canaryPercent: 50 });
    expect(weights(shifted)).toEqual(["primary 3 50%", "canary 4 50%"]);
    await endpointWhen("receipts", split("primary 50", "canary 50"));

    const promoted = await promoteCanary(db.prisma, editor, "receipts", { canary: { name: "ppocr-det", version: "4" } });
    expect(promoted.model).toEqual({ name: "ppocr-det", version: "4" });
    expect(weights(promoted)).toEqual(["primary 4 100%"]);
    const spec = specOf("receipts")!;
    expect(spec.canary).toBeUndefined();
    expect(spec.canaryTrafficPercent).toBeUndefined();
    expect(spec.default.arg).toContain("/ppocr-det/4/");
    await endpointWhen("receipts", split("primary 100"));

    const rows = await db.prisma.deployment.findMany({ where: { endpoint: { name: "receipts" } }, include: { modelVersion: true }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.modelVersion.version, r.role, r.trafficPercent, r.retiredAt ? "retired" : "serving"])).toEqual([
      ["3", "primary", 0, "retired"],
      ["4", "primary", 100, "serving"],
    ]);
    const audit = await db.prisma.auditEvent.findMany({ where: { objectId: created.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["endpoint.create", "endpoint.canary.deploy", "endpoint.traffic.shift", "endpoint.canary.promote"]);
    expect(audit[2]!.details).toMatchObject({ canaryPercent: 50, before: { "ppocr-det:3": 90, "ppocr-det:4": 10 }, after: { "ppocr-det:3": 50, "ppocr-det:4": 50 } });
    expect(audit.every((a) => a.actorId === editor.userId)).toBe(true);

    // Autoscaling is changed in place; a metric Knative does not know is refused before the cluster sees it.
    const autoscaling = { minScale: 2, maxScale: 5, metric: "rps", target: 50, window: "30s" };
    const scaled = await updateEndpointSettings(db.prisma, editor, "receipts", { config: { ...promoted.config, autoscaling } });
    expect(scaled.config).toMatchObject({ autoscaling, resources: { cpu: "2", memory: "4Gi" } });
    expect(specOf("receipts")!.service).toEqual(autoscaling);
    await expect(updateEndpointSettings(db.prisma, editor, "receipts", { config: { autoscaling: { metric: "memory" } } })).rejects.toMatchObject({
      code: "bad_request",
      fieldErrors: { "config.autoscaling.metric": [expect.stringContaining("concurrency")] },
    });
  });

  it("rolls a canary back: the canary goes, the primary takes all traffic again — and refuses steps that make no sense", async () => {
    await createEndpoint(db.prisma, editor, { name: "invoices", target: "paddlecloud", model: { name: "ppocr-det", version: "3" } });
    await expect(shiftTraffic(db.prisma, editor, "invoices", { canaryPercent: 20 })).rejects.toThrow(/has no canary; deploy a canary version first/);
    await expect(deployCanary(db.prisma, editor, "invoices", { model: { name: "ppocr-det", version: "3" } })).rejects.toMatchObject({ code: "conflict" });
    await expect(deployCanary(db.prisma, editor, "invoices", { model: { name: "ppocr-det", version: "4" }, trafficPercent: 150 })).rejects.toMatchObject({
      code: "bad_request",
      fieldErrors: { trafficPercent: ["At most 100%"] },
    });

    const canary = await deployCanary(db.prisma, editor, "invoices", { model: { name: "ppocr-det", version: "5" }, trafficPercent: 20 });
    expect(weights(canary)).toEqual(["primary 3 80%", "canary 5 20%"]);
    await expect(deployCanary(db.prisma, editor, "invoices", { model: { name: "ppocr-det", version: "4" } })).rejects.toThrow(/already has canary ppocr-det:5 at 20%/);
    await endpointWhen("invoices", split("primary 80", "canary 20"));

    // A decision about a canary that is not the current one is refused.
    await expect(rollbackCanary(db.prisma, editor, "invoices", { canary: { name: "ppocr-det", version: "4" } })).rejects.toMatchObject({ code: "conflict" });
    const rolledBack = await rollbackCanary(db.prisma, editor, "invoices", {});
    expect(weights(rolledBack)).toEqual(["primary 3 100%"]);
    expect(specOf("invoices")!.canary).toBeUndefined();
    expect(specOf("invoices")!.default.arg).toContain("/ppocr-det/3/");
    await endpointWhen("invoices", split("primary 100"));
    expect(await db.prisma.deployment.findFirst({ where: { endpoint: { name: "invoices" }, modelVersion: { version: "5" } } })).toMatchObject({ role: "canary", status: "Retired", retiredAt: expect.any(Date) });
    await expect(promoteCanary(db.prisma, editor, "invoices")).rejects.toThrow(/has no canary/);
  });

  it("keeps a canary in progress across a console restart, and brings it back if the cluster lost it", async () => {
    await createEndpoint(db.prisma, editor, { name: "forms", target: "paddlecloud", model: { name: "ppocr-det", version: "3" } });
    await deployCanary(db.prisma, editor, "forms", { model: { name: "ppocr-det", version: "4" }, trafficPercent: 25 });
    await endpointWhen("forms", split("primary 75", "canary 25"));
    const generation = services().get("kubeflow", "forms")!.metadata.generation;

    const log: string[] = [];
    await resumeEndpoints(db.prisma, (message) => log.push(message));
    expect(log).toContain("serving endpoint forms (ppocr-det:3 75%, ppocr-det:4 25%) on paddlecloud");
    expect(services().get("kubeflow", "forms")!.metadata.generation).toBe(generation);
    expect(specOf("forms")).toMatchObject({ canary: { arg: expect.stringContaining("/ppocr-det/4/") }, canaryTrafficPercent: 25 });

    services().delete("kubeflow", "forms");
    await resumeEndpoints(db.prisma, () => {});
    expect(specOf("forms")).toMatchObject({ default: { arg: expect.stringContaining("/ppocr-det/3/") }, canary: { arg: expect.stringContaining("/ppocr-det/4/") }, canaryTrafficPercent: 25 });
    await endpointWhen("forms", split("primary 75", "canary 25"));
  });

  it("refuses the built-in model on the cluster before recording anything", async () => {
    await expect(createEndpoint(db.prisma, editor, { name: "builtin-on-k8s", target: "paddlecloud" })).rejects.toMatchObject({ code: "not_found" });
    const builtin = await db.prisma.modelVersion.create({ data: { teamId: editor.teamId, modelName: "pp-ocrv4", version: "1", storageUri: "builtin://pp-ocrv4" } });
    await expect(createEndpoint(db.prisma, editor, { name: "builtin-on-k8s", target: "paddlecloud" })).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining("served by the local target only"),
    });
    await expect(createEndpoint(db.prisma, editor, { name: "bad-settings", target: "paddlecloud", model: { name: "ppocr-det", version: "3" }, config: { port: 0 } })).rejects.toMatchObject({
      code: "bad_request",
      fieldErrors: { "config.port": [expect.any(String)] },
    });
    expect(await db.prisma.endpoint.count({ where: { name: { in: ["builtin-on-k8s", "bad-settings"] } } })).toBe(0);
    await db.prisma.modelVersion.delete({ where: { id: builtin.id } });
  });

  it("refuses to split traffic on the local target with a 422 that says why", async () => {
    const local = await db.prisma.target.create({ data: { teamId: editor.teamId, name: "local", kind: "local" } });
    const version = await db.prisma.modelVersion.findFirstOrThrow({ where: { teamId: editor.teamId, modelName: "ppocr-det", version: "3" } });
    await db.prisma.endpoint.create({
      data: { teamId: editor.teamId, name: "on-this-machine", targetId: local.id, config: { params: {} }, deployments: { create: { modelVersionId: version.id, trafficPercent: 100 } } },
    });
    const refusal = { status: 422, message: expect.stringMatching(/cannot split traffic\. Canary releases need a Kubernetes or SageMaker target/) };
    await expect(deployCanary(db.prisma, editor, "on-this-machine", { model: { name: "ppocr-det", version: "4" }, trafficPercent: 10 })).rejects.toMatchObject(refusal);
    await expect(shiftTraffic(db.prisma, editor, "on-this-machine", { canaryPercent: 50 })).rejects.toMatchObject(refusal);
    await expect(promoteCanary(db.prisma, editor, "on-this-machine")).rejects.toMatchObject(refusal);
    await expect(rollbackCanary(db.prisma, editor, "on-this-machine")).rejects.toMatchObject(refusal);
    await expect(createEndpoint(db.prisma, editor, { name: "local-config", model: { name: "ppocr-det", version: "3" }, config: { image: "x:1" } })).rejects.toMatchObject({
      code: "bad_request",
      fieldErrors: { config: ["Not used on local targets"] },
    });
    expect(await db.prisma.deployment.count({ where: { endpoint: { name: "on-this-machine" } } })).toBe(1);
    expect((await getEndpoint(db.prisma, viewer, "on-this-machine")).canSplitTraffic).toBe(false);
  });
});
