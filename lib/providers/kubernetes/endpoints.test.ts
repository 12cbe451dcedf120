import { afterEach, describe, expect, it } from "vitest";
import { renderTextPng } from "@/lib/ocr/test-images";
import type { EndpointDeployment, EndpointVariant } from "@/lib/providers/types";
import { startFakeCluster, type FakeCluster } from "@/test/support/kube-apiserver/fake-cluster";
import { statusOf } from "@/test/support/kube-apiserver/status";
import type { KubernetesEndpointBackend } from "./endpoints";
import { kubernetesProvider } from "./kubernetes-provider";

// Serving on the fake cluster: a PaddleService per endpoint, the simulated ElasticServing making its
// Knative Service and revisions, traffic moved for canary steps, promotion and roll back, and test
// requests in the PaddleServing pipeline protocol through the API server's service proxy.

let cluster: FakeCluster | null = null;
afterEach(async () => {
  await cluster?.close();
  cluster = null;
});

const variant = (role: "primary" | "canary", version: string, trafficPercent: number): EndpointVariant => ({
  role,
  modelName: "ppocr-det",
  version,
  storageUri: `s3://model-center/ppocr-det/${version}/ppocr-det.tar.gz`,
  format: "paddlecloud-tarball",
  trafficPercent,
});

const deployment = (variants: EndpointVariant[], config: Record<string, unknown> = {}): EndpointDeployment => ({
  id: "cendpoint00000000000000001",
  name: "receipts-ocr",
  modelSource: variants[0]!.storageUri,
  params: {},
  variants,
  config: { autoscaling: { minScale: 1, maxScale: 3, metric: "concurrency", target: 10, window: "60s" }, resources: { cpu: "2", memory: "4Gi" }, ...config },
});

async function untilReady(backend: KubernetesEndpointBackend, traffic?: (t: Array<{ percent: number }>) => boolean) {
  for (let i = 0; i < 200; i += 1) {
    const status = await backend.status("cendpoint00000000000000001");
    if (status.state === "ready" && (!traffic || traffic(status.traffic))) return status;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("the endpoint never became ready");
}

describe("serving on a Kubernetes target", () => {
  it("deploys a PaddleService as the kfp serving component does, ready when Knative says so", async () => {
    cluster = await startFakeCluster({ operator: { stepMs: 10 } });
    const backend = kubernetesProvider(cluster.target({ minioEndpoint: "http://minio.kubeflow:9000" })).endpoints as KubernetesEndpointBackend;
    await backend.deploy(deployment([variant("primary", "3", 100)]));

    const service = cluster.api.resource("elasticserving.paddlepaddle.org", "paddleservices").get("kubeflow", "receipts-ocr")!;
    expect(service.metadata.labels).toMatchObject({ "ocr-console/endpoint-id": "cendpoint00000000000000001" });
    expect(service.spec).toEqual({
      runtimeVersion: "paddleserving",
      default: {
        containerImage: "registry.baidubce.com/paddleflow-public/serving",
        tag: "v0.6.2",
        port: 9292,
        arg: "wget http://minio.kubeflow:9000/model-center/ppocr-det/3/ppocr-det.tar.gz && tar xzf ppocr-det.tar.gz && rm -rf ppocr-det.tar.gz && python3 -m paddle_serving_server.serve --model ppocr-det/server --port 9292",
      },
      service: { minScale: 1, maxScale: 3, metric: "concurrency", target: 10, window: "60s" },
      resources: { requests: { cpu: "2", memory: "4Gi" } },
    });
    expect((await backend.status("cendpoint00000000000000001")).state).toBe("starting");
    const ready = await untilReady(backend);
    expect(ready).toMatchObject({ state: "ready", reason: null, url: "http://receipts-ocr.kubeflow.example.com", traffic: [{ percent: 100, tag: "default" }] });
    expect(ready.conditions.map((c) => `${c.type}=${c.status}`)).toEqual(["ConfigurationsReady=True", "RoutesReady=True", "Ready=True"]);

    // Deploying again (a console restart resuming endpoints) adopts it.
    await backend.deploy(deployment([variant("primary", "3", 100)]));
    expect(cluster.api.resource("elasticserving.paddlepaddle.org", "paddleservices").list("kubeflow")).toHaveLength(1);
  });

  it("answers a test image through the service proxy in the PaddleServing OCR protocol", async () => {
    cluster = await startFakeCluster({ operator: { stepMs: 10 } });
    const backend = kubernetesProvider(cluster.target()).endpoints as KubernetesEndpointBackend;
    await backend.deploy(deployment([variant("primary", "3", 100)]));
    await untilReady(backend);
    const image = await renderTextPng(320, 80, [{ text: "TOTAL 12.50", x: 10, y: 50, size: 30 }]);
    const result = await backend.invoke("cendpoint00000000000000001", image);
    expect(result.lines).toEqual([{ text: "ppocr-det:3", score: 0.9876, box: [[10, 10], [210, 10], [210, 42], [10, 42]] }]);
    expect({ width: result.width, height: result.height }).toEqual({ width: 320, height: 80 });
    expect(result.timings.totalMs).toBeGreaterThan(0);
    const call = cluster.api.requests.find((r) => r.method === "POST" && r.path.includes("/proxy/"));
    expect(call?.path).toMatch(/^\/api\/v1\/namespaces\/kubeflow\/services\/receipts-ocr-default-[0-9a-f]{5}:80\/proxy\/ocr\/prediction$/);
    expect(call?.body).toMatchObject({ key: ["image"], value: [expect.any(String)] });
  });

  it("runs a canary: traffic in steps (409 retried with a fresh read), promote, and roll back — each a change of the same PaddleService", async () => {
    cluster = await startFakeCluster({ operator: { stepMs: 10 } });
    let dice = 0;
    const backend = kubernetesProvider(cluster.target(), { random: () => dice }).endpoints as KubernetesEndpointBackend;
    const endpointId = "cendpoint00000000000000001";
    const services = cluster.api.resource("elasticserving.paddlepaddle.org", "paddleservices");
    await backend.deploy(deployment([variant("primary", "3", 100)]));
    await untilReady(backend);

    await backend.shiftTraffic!(deployment([variant("primary", "3", 90), variant("canary", "4", 10)]));
    expect(services.get("kubeflow", "receipts-ocr")!.spec).toMatchObject({ canary: { arg: expect.stringContaining("/ppocr-det/4/") }, canaryTrafficPercent: 10 });
    let status = await untilReady(backend, (t) => t.length === 2);
    expect(status.traffic.map((t) => [t.tag, t.percent])).toEqual([["default", 90], ["canary", 10]]);
    dice = 0.95; // lands in the canary's 10 %
    expect((await backend.invoke(endpointId, await renderTextPng(100, 40, [{ text: "A", x: 5, y: 30, size: 20 }]))).lines[0]!.text).toBe("ppocr-det:4");
    dice = 0.2;
    expect((await backend.invoke(endpointId, await renderTextPng(100, 40, [{ text: "A", x: 5, y: 30, size: 20 }]))).lines[0]!.text).toBe("ppocr-det:3");

    cluster.api.failNext({ verb: "patch", resource: "paddleservices" }, statusOf(409, "Conflict", 'Operation cannot be fulfilled on paddleservices.elasticserving.paddlepaddle.org "receipts-ocr": the object has been modified'));
    await backend.shiftTraffic!(deployment([variant("primary", "3", 50), variant("canary", "4", 50)]));
    status = await untilReady(backend, (t) => t.some((x) => x.percent === 50));
    expect(status.traffic.map((t) => t.percent)).toEqual([50, 50]);

    // Promote: the canary's version becomes the default and takes all traffic.
    await backend.shiftTraffic!(deployment([variant("primary", "4", 100)]));
    const promoted = services.get("kubeflow", "receipts-ocr")!.spec as Record<string, unknown>;
    expect(promoted.canary).toBeUndefined();
    expect(promoted.canaryTrafficPercent).toBeUndefined();
    expect((promoted.default as { arg: string }).arg).toContain("/ppocr-det/4/");
    status = await untilReady(backend, (t) => t.length === 1);
    expect(status.traffic).toEqual([expect.objectContaining({ percent: 100, tag: "default" })]);

    // A new canary, rolled back: the default stays, the canary goes.
    await backend.shiftTraffic!(deployment([variant("primary", "4", 80), variant("canary", "5", 20)]));
    await untilReady(backend, (t) => t.length === 2);
    await backend.shiftTraffic!(deployment([variant("primary", "4", 100)]));
    status = await untilReady(backend, (t) => t.length === 1);
    expect((services.get("kubeflow", "receipts-ocr")!.spec as { default: { arg: string } }).default.arg).toContain("/ppocr-det/4/");
    expect(status.traffic[0]!.revisionName).toMatch(/^receipts-ocr-default-/);

    await backend.undeploy(endpointId);
    expect(services.list("kubeflow")).toHaveLength(0);
    expect(cluster.api.resource("serving.knative.dev", "services").list("kubeflow")).toHaveLength(0);
    expect(await backend.status(endpointId)).toMatchObject({ state: "stopped" });
  });

  it("uses PaddleCloud's own serving group when ElasticServing is not installed", async () => {
    cluster = await startFakeCluster({ apis: ["paddlejobs", "samplesets", "samplejobs", "paddleservices.serving", "knative-services"], operator: { stepMs: 10 } });
    const backend = kubernetesProvider(cluster.target()).endpoints as KubernetesEndpointBackend;
    await backend.deploy(deployment([variant("primary", "3", 100)]));
    expect(cluster.api.resource("serving.paddlepaddle.org", "paddleservices").get("kubeflow", "receipts-ocr")).toBeDefined();
    expect((await untilReady(backend)).state).toBe("ready");
  });

  it("refuses serving settings the PaddleService CRD would refuse, before touching the cluster", async () => {
    cluster = await startFakeCluster();
    const backend = kubernetesProvider(cluster.target()).endpoints!;
    await expect(backend.deploy(deployment([variant("primary", "3", 100)], { autoscaling: { metric: "memory" } }))).rejects.toMatchObject({
      code: "bad_request",
      fieldErrors: { "config.autoscaling.metric": [expect.stringContaining("concurrency")] },
    });
    await expect(backend.deploy({ ...deployment([variant("primary", "3", 100)]), variants: undefined, modelSource: "builtin" })).rejects.toThrow(/built-in PP-OCRv4 model is served by the local target/);
  });
});
