import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeApiServer, type KubeApiServer } from "./server";

describe("fake kube-apiserver, over plain HTTP", () => {
  let api: KubeApiServer;
  const get = async (path: string, token: string | undefined = "admin") => {
    const response = await fetch(`${api.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    api = await startKubeApiServer({
      version: "v1.30.2",
      tokens: {
        admin: "kubernetes-admin",
        "kubeflow-only": { user: "system:serviceaccount:kubeflow:runner", allow: (r) => r.verb === "get" && r.name === "kubeflow" },
      },
    });
    api.addNamespace("kubeflow");
    api.addNamespace("default");
  });
  afterAll(() => api.close());

  it("reports its version to anyone, like system:public-info-viewer allows", async () => {
    const { status, body } = await get("/version", undefined);
    expect(status).toBe(200);
    expect(body).toMatchObject({ major: "1", minor: "30", gitVersion: "v1.30.2", platform: "linux/amd64" });
  });

  it("gets and lists namespaces with server-set metadata", async () => {
    const one = await get("/api/v1/namespaces/kubeflow");
    expect(one.body).toMatchObject({ kind: "Namespace", metadata: { name: "kubeflow", resourceVersion: "1" }, status: { phase: "Active" } });
    expect((one.body.metadata as { uid?: string }).uid).toMatch(/^[0-9a-f-]{36}$/);

    const all = await get("/api/v1/namespaces");
    expect(all.body).toMatchObject({ kind: "NamespaceList", apiVersion: "v1", metadata: { resourceVersion: "2" } });
    expect((all.body.items as Array<{ metadata: { name: string } }>).map((ns) => ns.metadata.name)).toEqual(["default", "kubeflow"]);
  });

  it("answers a missing object with a NotFound Status", async () => {
    expect(await get("/api/v1/namespaces/nope")).toEqual({
      status: 404,
      body: {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: 'namespaces "nope" not found',
        reason: "NotFound",
        details: { name: "nope", kind: "namespaces" },
        code: 404,
      },
    });
  });

  it("answers an unknown token with 401 even for /version", async () => {
    expect(await get("/version", "wrong")).toMatchObject({ status: 401, body: { kind: "Status", reason: "Unauthorized", code: 401 } });
  });

  it("answers what the account may not do with a Forbidden Status naming the user, verb and scope", async () => {
    expect((await get("/api/v1/namespaces/kubeflow", "kubeflow-only")).status).toBe(200);
    expect(await get("/api/v1/namespaces", "kubeflow-only")).toMatchObject({
      status: 403,
      body: {
        reason: "Forbidden",
        message: 'namespaces is forbidden: User "system:serviceaccount:kubeflow:runner" cannot list resource "namespaces" in API group "" at the cluster scope',
        details: { kind: "namespaces" },
      },
    });
  });

  it("answers paths it does not serve with the server's generic NotFound", async () => {
    expect(await get("/apis/batch.paddlepaddle.org/v1/namespaces/kubeflow/paddlejobs")).toMatchObject({
      status: 404,
      body: { reason: "NotFound", message: "the server could not find the requested resource" },
    });
  });
});
