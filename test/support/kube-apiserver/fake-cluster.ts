import { CreateBucketCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { kubernetesTargetConfigSchema, type KubernetesTargetConfig } from "../../../lib/schemas/targets";
import { PADDLECLOUD_APIS, type InstallableApi } from "./crds";
import { kubeconfigYaml } from "./kubeconfig";
import { DEFAULT_TOKEN, startKubeApiServer, type KubeApiServer, type KubeApiServerOptions } from "./server";
import { startSimulatedOperator, type SimulatedOperator, type SimulatedOperatorOptions } from "./simulated-operator";

export interface FakeCluster {
  api: KubeApiServer;
  operator: SimulatedOperator;
  /** A kubeconfig for the default token (or the one given), context `paddlecloud`, plain http. */
  kubeconfig(token?: string): string;
  /** A resolved `kubernetes` target pointing at this cluster (connection kubeconfig-inline). */
  target(config?: Partial<KubernetesTargetConfig>, token?: string): { name: string; kind: "kubernetes"; config: KubernetesTargetConfig; secrets: { kubeconfig: string } };
  close(): Promise<void>;
}

/**
 * A PaddleCloud cluster for tests: the fake API server with the PaddleCloud CRDs and Knative
 * installed, namespace `kubeflow`, and the simulated operators moving what the console creates.
 */
export async function startFakeCluster(
  options: { apis?: InstallableApi[]; namespaces?: string[]; server?: Omit<KubeApiServerOptions, "apis">; operator?: SimulatedOperatorOptions } = {},
): Promise<FakeCluster> {
  const api = await startKubeApiServer({ version: "v1.29.3", ...options.server, apis: options.apis ?? PADDLECLOUD_APIS });
  for (const namespace of options.namespaces ?? ["kubeflow"]) api.addNamespace(namespace);
  const operator = await startSimulatedOperator(api, options.operator);
  const kubeconfig = (token = DEFAULT_TOKEN) => kubeconfigYaml({ server: api.url, token, contextName: "paddlecloud" });
  return {
    api,
    operator,
    kubeconfig,
    target: (config = {}, token) => ({
      name: "paddlecloud",
      kind: "kubernetes",
      config: kubernetesTargetConfigSchema.parse({ connection: "kubeconfig-inline", namespace: "kubeflow", ...config }),
      secrets: { kubeconfig: kubeconfig(token) },
    }),
    async close() {
      operator.stop();
      await api.close();
    },
  };
}

/** The model hub's `mc cp`, landing in a real S3-protocol store (the bucket is made when missing, like `mc mb --ignore-existing`). */
export function uploadModelsTo(client: S3Client) {
  return async ({ bucket, key, bytes }: { bucket: string; key: string; bytes: Uint8Array }) => {
    await client.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => undefined);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes }));
  };
}
