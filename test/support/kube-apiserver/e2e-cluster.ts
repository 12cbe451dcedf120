import { DEFAULT_TOKEN, kubeconfigYaml, startKubeApiServer } from "./index";

/** The Kubernetes cluster e2e tests see: the fake kube-apiserver, reached through kubeconfigs in the env. */
export async function startE2eCluster(): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const kube = await startKubeApiServer({ version: "v1.29.3" });
  kube.addNamespace("kubeflow");
  return {
    env: {
      E2E_KUBECONFIG: kubeconfigYaml({ server: kube.url, token: DEFAULT_TOKEN, contextName: "paddlecloud" }),
      E2E_KUBE_BAD_KUBECONFIG: kubeconfigYaml({ server: kube.url, token: "revoked-token", contextName: "paddlecloud" }),
    },
    close: () => kube.close(),
  };
}
