import { PassThrough } from "node:stream";
import {
  ApisApi,
  AuthorizationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  Log,
  PatchStrategy,
  setHeaderOptions,
  Watch,
  type ApiException,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubeconfigYaml } from "./kubeconfig";
import { startKubeApiServer, type KubeApiServer } from "./server";
import { statusOf } from "./status";

// The fake as the unmodified @kubernetes/client-node sees it: every answer here is read by the
// client's own generated APIs, Watch and Log.

const paddleJob = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: "batch.paddlepaddle.org/v1",
  kind: "PaddleJob",
  metadata: { name, labels: { app: "ocr" } },
  spec: {
    cleanPodPolicy: "Never",
    worker: { replicas: 1, template: { spec: { containers: [{ name: "paddle", image: "paddle:2.5" }] } } },
    ...extra,
  },
});

const group = "batch.paddlepaddle.org";

describe("fake kube-apiserver through @kubernetes/client-node", () => {
  let api: KubeApiServer;
  let kc: KubeConfig;
  let custom: CustomObjectsApi;

  beforeAll(async () => {
    api = await startKubeApiServer({
      apis: ["paddlejobs", "samplesets", "paddleservices.elasticserving", "knative-services"],
      tokens: {
        "test-token": { user: "system:serviceaccount:kubeflow:ocr-console", allow: (r) => !(r.verb === "delete" && r.resource === "paddleservices") },
      },
    });
    api.addNamespace("kubeflow");
    kc = new KubeConfig();
    kc.loadFromString(kubeconfigYaml({ server: api.url, token: "test-token", namespace: "kubeflow" }));
    custom = kc.makeApiClient(CustomObjectsApi);
  });
  afterAll(() => api.close());

  const failure = async (promise: Promise<unknown>) => {
    const error = (await promise.then(() => undefined, (e: unknown) => e)) as ApiException<string> | undefined;
    expect(error, "the call should have failed").toBeDefined();
    return { code: error!.code, body: JSON.parse(error!.body) as { reason: string; message: string; details?: { causes?: Array<{ field: string; reason: string }> } } };
  };

  it("serves discovery documents listing the installed CRDs", async () => {
    const groups = await kc.makeApiClient(ApisApi).getAPIVersions();
    const names = groups.groups.map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(["batch.paddlepaddle.org", "elasticserving.paddlepaddle.org", "serving.knative.dev", "apps", "batch"]));
    expect(names).not.toContain("serving.paddlepaddle.org");
    const response = await fetch(`${api.url}/apis/batch.paddlepaddle.org/v1`, { headers: { Authorization: "Bearer test-token" } });
    const list = (await response.json()) as { resources: Array<{ name: string; kind: string; namespaced: boolean }> };
    expect(list.resources).toEqual(expect.arrayContaining([expect.objectContaining({ name: "paddlejobs", kind: "PaddleJob", namespaced: true }), expect.objectContaining({ name: "paddlejobs/status" })]));
  });

  it("creates, reads, lists with a label selector, and answers a duplicate with 409 AlreadyExists", async () => {
    const created = (await custom.createNamespacedCustomObject({ group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", body: paddleJob("a") })) as { metadata: { uid: string; resourceVersion: string }; status?: unknown };
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.status).toBeUndefined();
    const read = (await custom.getNamespacedCustomObject({ group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", name: "a" })) as { spec: unknown };
    expect(read.spec).toMatchObject({ cleanPodPolicy: "Never" });
    const listed = (await custom.listNamespacedCustomObject({ group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", labelSelector: "app=ocr" })) as { items: unknown[] };
    expect(listed.items).toHaveLength(1);
    const none = (await custom.listNamespacedCustomObject({ group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", labelSelector: "app in (web)" })) as { items: unknown[] };
    expect(none.items).toHaveLength(0);

    const duplicate = await failure(custom.createNamespacedCustomObject({ group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", body: paddleJob("a") }));
    expect(duplicate).toMatchObject({ code: 409, body: { reason: "AlreadyExists", message: 'paddlejobs.batch.paddlepaddle.org "a" already exists' } });
  });

  it("answers a missing object with 404 NotFound", async () => {
    const missing = await failure(custom.getNamespacedCustomObject({ group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", name: "nope" }));
    expect(missing).toMatchObject({ code: 404, body: { reason: "NotFound", message: 'paddlejobs.batch.paddlepaddle.org "nope" not found' } });
  });

  it("validates custom resources against the CRD schema: unknown field, wrong type, enum → 422 with causes", async () => {
    const bad = paddleJob("bad", { colour: "blue", withGloo: "yes" });
    const typed = await failure(custom.createNamespacedCustomObject({ group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", body: bad }));
    expect(typed.code).toBe(422);
    expect(typed.body.reason).toBe("Invalid");
    expect(typed.body.message).toMatch(/^PaddleJob\.batch\.paddlepaddle\.org "bad" is invalid: \[/);
    expect(typed.body.details?.causes?.map((c) => [c.field, c.reason])).toEqual([
      ["spec.colour", "FieldValueInvalid"],
      ["spec.withGloo", "FieldValueTypeInvalid"],
    ]);

    const service = {
      apiVersion: "elasticserving.paddlepaddle.org/v1",
      kind: "PaddleService",
      metadata: { name: "ocr" },
      spec: { default: { containerImage: "serving", tag: "v1", port: 9292 }, service: { metric: "memory" } },
    };
    const enumError = await failure(custom.createNamespacedCustomObject({ group: "elasticserving.paddlepaddle.org", version: "v1", namespace: "kubeflow", plural: "paddleservices", body: service }));
    expect(enumError.body.details?.causes).toEqual([
      { reason: "FieldValueNotSupported", field: "spec.service.metric", message: 'Unsupported value: "memory": supported values: "concurrency", "rps", "cpu"' },
    ]);
    const missing = await failure(
      custom.createNamespacedCustomObject({ group: "elasticserving.paddlepaddle.org", version: "v1", namespace: "kubeflow", plural: "paddleservices", body: { ...service, spec: { default: { containerImage: "x" } } } }),
    );
    expect(missing.body.details?.causes?.map((c) => c.field)).toEqual(["spec.default.port", "spec.default.tag"]);
  });

  it("applies merge and JSON patches, and takes a resourceVersion precondition (409 Conflict when stale)", async () => {
    await custom.createNamespacedCustomObject({ group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", body: paddleJob("p") });
    const merged = (await custom.patchNamespacedCustomObject(
      { group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", name: "p", body: { metadata: { annotations: { note: "x" } }, spec: { cleanPodPolicy: "OnCompletion" } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    )) as { metadata: { annotations: Record<string, string>; resourceVersion: string; generation: number }; spec: { cleanPodPolicy: string } };
    expect(merged.metadata.annotations.note).toBe("x");
    expect(merged.spec.cleanPodPolicy).toBe("OnCompletion");
    expect(merged.metadata.generation).toBe(2);

    const patched = (await custom.patchNamespacedCustomObject({
      group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", name: "p",
      body: [{ op: "replace", path: "/spec/worker/replicas", value: 2 }],
    })) as { spec: { worker: { replicas: number } } };
    expect(patched.spec.worker.replicas).toBe(2);

    const stale = await failure(
      custom.patchNamespacedCustomObject(
        { group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", name: "p", body: { metadata: { resourceVersion: merged.metadata.resourceVersion }, spec: { withGloo: 1 } } },
        setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
      ),
    );
    expect(stale).toMatchObject({ code: 409, body: { reason: "Conflict" } });

    const strategic = await failure(
      custom.patchNamespacedCustomObject(
        { group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", name: "p", body: { spec: {} } },
        setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
      ),
    );
    expect(strategic.code).toBe(415);
  });

  it("merges strategic patches of core kinds by the list merge keys", async () => {
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespacedPod({ namespace: "kubeflow", body: { metadata: { name: "web" }, spec: { containers: [{ name: "a", image: "x", env: [{ name: "A", value: "1" }] }, { name: "b", image: "y" }] } } });
    const pod = await core.patchNamespacedPod(
      { namespace: "kubeflow", name: "web", body: { spec: { containers: [{ name: "a", env: [{ name: "B", value: "2" }] }] } } },
      setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
    );
    expect(pod.spec?.containers.map((c) => [c.name, c.image, (c.env ?? []).map((e) => e.name)])).toEqual([
      ["a", "x", ["A", "B"]],
      ["b", "y", []],
    ]);
  });

  it("watches from a resourceVersion, and answers a compacted one with a 410 Expired event", async () => {
    const list = (await custom.listNamespacedCustomObject({ group, version: "v1", namespace: "kubeflow", plural: "paddlejobs" })) as { metadata: { resourceVersion: string } };
    const events: Array<[string, string]> = [];
    const watcher = new Watch(kc);
    const done = new Promise<unknown>((resolve) => {
      void watcher.watch("/apis/batch.paddlepaddle.org/v1/namespaces/kubeflow/paddlejobs", { resourceVersion: list.metadata.resourceVersion }, (type, object: { metadata: { name: string } }) => {
        events.push([type, object.metadata.name]);
      }, resolve);
    });
    await custom.createNamespacedCustomObject({ group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", body: paddleJob("w") });
    await custom.deleteNamespacedCustomObject({ group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", name: "w" });
    await expect.poll(() => events).toEqual([["ADDED", "w"], ["DELETED", "w"]]);
    api.dropWatches();
    await done;

    api.compact();
    const expiredEvents: Array<{ type: string; object: { code?: number; reason?: string } }> = [];
    await new Promise<unknown>((resolve) => {
      void new Watch(kc).watch("/apis/batch.paddlepaddle.org/v1/namespaces/kubeflow/paddlejobs", { resourceVersion: list.metadata.resourceVersion }, (type, object) => {
        expiredEvents.push({ type, object });
      }, resolve);
    });
    expect(expiredEvents).toEqual([{ type: "ERROR", object: expect.objectContaining({ code: 410, reason: "Expired" }) }]);
  });

  it("answers SelfSubjectAccessReviews from the account's permissions", async () => {
    const auth = kc.makeApiClient(AuthorizationV1Api);
    const ask = (verb: string, resource: string) =>
      auth.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { namespace: "kubeflow", verb, group: "elasticserving.paddlepaddle.org", resource } } } });
    expect((await ask("create", "paddleservices")).status?.allowed).toBe(true);
    expect((await ask("delete", "paddleservices")).status?.allowed).toBe(false);
  });

  it("streams pod logs, following until the container exits, and the previous container's", async () => {
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespacedPod({ namespace: "kubeflow", body: { metadata: { name: "trainer" }, spec: { containers: [{ name: "paddle", image: "x" }] } } });
    api.logs.append("kubeflow", "trainer", "paddle", "first");
    const out = new PassThrough();
    let text = "";
    out.on("data", (chunk: Buffer) => (text += chunk.toString()));
    const ended = new Promise((resolve) => out.on("end", resolve));
    await new Log(kc).log("kubeflow", "trainer", "paddle", out, { follow: true });
    api.logs.append("kubeflow", "trainer", "paddle", "second");
    await expect.poll(() => text).toBe("first\nsecond\n");
    api.logs.finish("kubeflow", "trainer", "paddle");
    await ended;

    const previous = await failure(core.readNamespacedPodLog({ namespace: "kubeflow", name: "trainer", container: "paddle", previous: true }));
    expect(previous.body.message).toBe('previous terminated container "paddle" in pod "trainer" not found');
    api.logs.restart("kubeflow", "trainer", "paddle");
    expect(await core.readNamespacedPodLog({ namespace: "kubeflow", name: "trainer", container: "paddle", previous: true })).toBe("first\nsecond\n");
  });

  it("proxies to what serves a service's port, and says when nothing does", async () => {
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespacedService({ namespace: "kubeflow", body: { metadata: { name: "vdl" }, spec: { ports: [{ port: 8040 }] } } });
    const headers = { Authorization: "Bearer test-token" };
    const none = await fetch(`${api.url}/api/v1/namespaces/kubeflow/services/vdl:8040/proxy/`, { headers });
    expect(none.status).toBe(503);
    api.serveProxy({ namespace: "kubeflow", kind: "services", name: "vdl", port: 8040 }, (request) => new Response(`${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`));
    const answer = await fetch(`${api.url}/api/v1/namespaces/kubeflow/services/vdl:8040/proxy/app/index.html?x=1`, { headers });
    expect(await answer.text()).toBe("GET /app/index.html?x=1");
  });

  it("answers an injected fault once, then serves normally", async () => {
    api.failNext({ verb: "get", resource: "paddlejobs" }, statusOf(500, "InternalError", "etcd timeout"));
    const first = await failure(custom.getNamespacedCustomObject({ group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", name: "a" }));
    expect(first.code).toBe(500);
    await expect(custom.getNamespacedCustomObject({ group, version: "v1", namespace: "kubeflow", plural: "paddlejobs", name: "a" })).resolves.toBeDefined();
  });
});
