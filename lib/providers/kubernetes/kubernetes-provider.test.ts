import { freeLoopbackPort, startSilentServer } from "@/test/support/loopback-server";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubernetesTargetConfigSchema, type KubernetesTargetConfig } from "@/lib/schemas/targets";
import { DEFAULT_TOKEN, kubeconfigYaml, PADDLECLOUD_APIS, startKubeApiServer, writeKubeconfig, type KubeApiServer } from "@/test/support/kube-apiserver";
import { kubernetesProvider } from "./kubernetes-provider";

function target(config: Partial<KubernetesTargetConfig>, secrets: { kubeconfig?: string } = {}) {
  return kubernetesProvider({
    name: "cluster",
    kind: "kubernetes",
    config: kubernetesTargetConfigSchema.parse({ connection: "kubeconfig-file", namespace: "kubeflow", ...config }),
    secrets,
  });
}

describe("kubernetes connection check", () => {
  let api: KubeApiServer;
  let kubeconfigPath: string;

  beforeAll(async () => {
    api = await startKubeApiServer({
      version: "v1.29.3",
      apis: PADDLECLOUD_APIS,
      tokens: {
        [DEFAULT_TOKEN]: "system:serviceaccount:kubeflow:ocr-console",
        "no-namespaces": { user: "system:serviceaccount:default:viewer", allow: (r) => r.resource !== "namespaces" },
      },
    });
    api.addNamespace("kubeflow");
    api.addNamespace("leaving", "Terminating");
    kubeconfigPath = await writeKubeconfig({ server: api.url, token: DEFAULT_TOKEN, contextName: "fake", extraContexts: ["staging"] });
    // Kubeconfig file paths must be inside the kubeconfig directory: this test's is its temporary one.
    process.env.CONSOLE_KUBECONFIG_DIR = path.dirname(kubeconfigPath);
  });
  afterAll(() => {
    delete process.env.CONSOLE_KUBECONFIG_DIR;
    return api.close();
  });

  it("reports the server version, the namespace, the PaddleCloud APIs and the account's permissions of a healthy cluster", async () => {
    const result = await target({ kubeconfigPath }).check();

    expect(result.ok).toBe(true);
    expect(result.summary).toBe("Kubernetes v1.29.3 · namespace kubeflow (Active) · PaddleCloud ready");
    expect(result.items.map((item) => item.message)).toEqual([
      `Context fake → ${api.url}`,
      "Kubernetes v1.29.3 (linux/amd64)",
      "namespace kubeflow (Active)",
      "PaddleJob installed (paddlejobs.batch.paddlepaddle.org/v1)",
      "SampleSet installed (samplesets.batch.paddlepaddle.org/v1alpha1)",
      "SampleJob installed (samplejobs.batch.paddlepaddle.org/v1alpha1)",
      "PaddleService installed (elasticserving.paddlepaddle.org/v1)",
      "Knative Service installed (services.serving.knative.dev/v1)",
      "The account may do all 37 things the console needs in namespace kubeflow",
    ]);
    const paths = api.requests.map((r) => r.path);
    expect(paths.slice(0, 2)).toEqual(["/version", "/api/v1/namespaces/kubeflow"].map((p) => p));
    expect(paths).toContain("/apis");
    expect(paths.filter((p) => p === "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")).toHaveLength(37);
  });

  it("reports a namespace's phase as the server gives it", async () => {
    const result = await target({ kubeconfigPath, namespace: "leaving" }).check();
    expect(result.summary).toBe("Kubernetes v1.29.3 · namespace leaving (Terminating) · PaddleCloud ready");
  });

  it("says so when the namespace does not exist", async () => {
    const result = await target({ kubeconfigPath, namespace: "missing" }).check();

    expect(result.ok).toBe(false);
    expect(result.summary).toMatch(/^namespace missing does not exist/);
    expect(result.items.map((item) => item.ok)).toEqual([true, true, false]);
  });

  it("takes the kubeconfig pasted inline, and the context asked for", async () => {
    const kubeconfig = kubeconfigYaml({ server: api.url, token: DEFAULT_TOKEN, contextName: "fake", extraContexts: ["staging"] });
    const result = await target({ connection: "kubeconfig-inline", context: "staging" }, { kubeconfig }).check();

    expect(result.ok).toBe(true);
    expect(result.items[0]?.message).toBe(`Context staging → ${api.url}`);
  });

  it("fails with Unauthorized when the token is wrong", async () => {
    const kubeconfig = kubeconfigYaml({ server: api.url, token: "stolen-and-revoked" });
    const result = await target({ connection: "kubeconfig-inline" }, { kubeconfig }).check();

    expect(result.ok).toBe(false);
    expect(result.items[1]?.name).toBe("API server");
    expect(result.summary).toBe("Unauthorized (401): the API server did not accept these credentials. The server said: Unauthorized");
  });

  it("fails with the server's Forbidden message when the account may not read namespaces", async () => {
    const kubeconfig = kubeconfigYaml({ server: api.url, token: "no-namespaces" });
    const result = await target({ connection: "kubeconfig-inline" }, { kubeconfig }).check();

    expect(result.ok).toBe(false);
    expect(result.summary).toBe(
      'Forbidden (403): the account is not authorized for this. The server said: namespaces "kubeflow" is forbidden: ' +
        'User "system:serviceaccount:default:viewer" cannot get resource "namespaces" in API group "" at the cluster scope',
    );
  });

  it("fails quickly and clearly when nothing listens at the server address", async () => {
    const server = `http://127.0.0.1:${await freeLoopbackPort()}`;
    const kubeconfig = kubeconfigYaml({ server, token: DEFAULT_TOKEN });
    const result = await target({ connection: "kubeconfig-inline" }, { kubeconfig }).check();

    expect(result.ok).toBe(false);
    expect(result.summary).toBe(`Cannot reach the Kubernetes API server at ${server}: connection refused (is the cluster running, and is the address right?).`);
    expect(result.durationMs).toBeLessThan(2_000);
  });

  describe("against a server that accepts connections and never answers", () => {
    let silent: Awaited<ReturnType<typeof startSilentServer>>;
    let kubeconfig: string;
    let server: string;
    beforeAll(async () => {
      silent = await startSilentServer();
      server = silent.url;
      kubeconfig = kubeconfigYaml({ server, token: DEFAULT_TOKEN });
    });
    afterAll(() => silent.close());

    it("stops waiting when the caller cancels", async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const result = await target({ connection: "kubeconfig-inline" }, { kubeconfig }).check({ signal: controller.signal });

      expect(result.ok).toBe(false);
      expect(result.summary).toBe(`The request to the Kubernetes API server at ${server} was cancelled.`);
      expect(result.durationMs).toBeLessThan(2_000);
    });

    it("says the server did not answer when the caller's time runs out", async () => {
      const result = await target({ connection: "kubeconfig-inline" }, { kubeconfig }).check({ signal: AbortSignal.timeout(200) });

      expect(result.summary).toBe(`The Kubernetes API server at ${server} did not answer in time.`);
      expect(result.durationMs).toBeLessThan(2_000);
    });
  });

  it("says so when the kubeconfig file is missing", async () => {
    const missing = path.join(path.dirname(kubeconfigPath), "nope", "config");
    const result = await target({ kubeconfigPath: missing }).check();

    expect(result.ok).toBe(false);
    expect(result.items).toHaveLength(1);
    expect(result.summary).toBe(`Kubeconfig file ${missing} does not exist.`);
  });

  it("says so when the kubeconfig is not YAML", async () => {
    const broken = path.join(path.dirname(kubeconfigPath), "broken");
    await writeFile(broken, "clusters: [\n  - name: a\n  server: {{\n");
    const result = await target({ kubeconfigPath: broken }).check();

    expect(result.summary).toMatch(new RegExp(`^Kubeconfig file ${broken} is not valid YAML: .+ \\(line \\d+\\)\\.$`));
  });

  it("names a file an installed kubeconfig refers to that cannot be read", async () => {
    const file = path.join(path.dirname(kubeconfigPath), "token-file.yaml");
    await writeFile(file, kubeconfigYaml({ server: api.url }).replace("    {}", "    token-file: /nonexistent/token"));
    const result = await target({ kubeconfigPath: file }).check();

    expect(result.summary).toBe(`Kubeconfig file ${file} refers to /nonexistent/token, which cannot be read (ENOENT).`);
  });

  it("refuses a pasted kubeconfig that would read a file on the console's machine", async () => {
    const kubeconfig = kubeconfigYaml({ server: api.url }).replace("    {}", "    token-file: /nonexistent/token");
    const result = await target({ connection: "kubeconfig-inline" }, { kubeconfig }).check();

    expect(result.summary).toMatch(/^The pasted kubeconfig is refused: users\[0\]\.user\.token-file would read a file on the console's machine/);
  });

  it("lists the known contexts when the one asked for does not exist", async () => {
    const result = await target({ kubeconfigPath, context: "prod" }).check();

    expect(result.ok).toBe(false);
    expect(result.summary).toBe('Context "prod" is not in the kubeconfig. Known contexts: fake, staging.');
  });

  it("explains what in-cluster mode needs when the console is not in a pod", async () => {
    const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
    delete process.env.KUBERNETES_SERVICE_HOST;
    delete process.env.KUBERNETES_SERVICE_PORT;
    try {
      const result = await target({ connection: "in-cluster" }).check();
      expect(result.summary).toMatch(/^In-cluster connection needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT/);
    } finally {
      if (saved.host !== undefined) process.env.KUBERNETES_SERVICE_HOST = saved.host;
      if (saved.port !== undefined) process.env.KUBERNETES_SERVICE_PORT = saved.port;
    }
  });
});

describe("kubernetes connection check: what PaddleCloud needs", () => {
  let api: KubeApiServer;

  beforeAll(async () => {
    // PaddleCloud's own serving group instead of ElasticServing, no dataset controller, and an
    // account that may not delete PaddleServices nor read pod logs.
    api = await startKubeApiServer({
      version: "v1.28.9",
      apis: ["paddlejobs", "paddleservices.serving"],
      tokens: {
        [DEFAULT_TOKEN]: {
          user: "system:serviceaccount:kubeflow:ocr-console",
          allow: (r) => !(r.verb === "delete" && r.resource === "paddleservices") && !(r.resource === "pods" && r.subresource === "log"),
        },
      },
    });
    api.addNamespace("kubeflow");
  });
  afterAll(() => api.close());

  it("lists every missing API and every refused permission instead of stopping at the first", async () => {
    const kubeconfig = kubeconfigYaml({ server: api.url, token: DEFAULT_TOKEN });
    const result = await target({ connection: "kubeconfig-inline" }, { kubeconfig }).check();

    expect(result.ok).toBe(false);
    expect(result.summary).toBe(
      "Missing: SampleSet, SampleJob, Knative Service. Not allowed: delete paddleservices.serving.paddlepaddle.org; get pods/log.",
    );
    expect(result.items.filter((item) => !item.ok).map((item) => item.message)).toEqual([
      "SampleSet is not installed (samplesets.batch.paddlepaddle.org/v1alpha1): install PaddleCloud's dataset controller.",
      "SampleJob is not installed (samplejobs.batch.paddlepaddle.org/v1alpha1): install PaddleCloud's dataset controller.",
      "Knative Service is not installed (services.serving.knative.dev/v1): install Knative Serving.",
      "May not delete paddleservices.serving.paddlepaddle.org in namespace kubeflow",
      "May not get pods/log in namespace kubeflow",
    ]);
    expect(result.items.find((item) => item.name === "PaddleService")?.message).toBe("PaddleService installed (serving.paddlepaddle.org/v1)");
    expect(result.items.slice(0, 3).every((item) => item.ok)).toBe(true);
  });
});
