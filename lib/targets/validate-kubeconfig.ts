import { KubeConfig } from "@kubernetes/client-node";
import { ConsoleError } from "@/lib/errors/console-error";
import { kubeconfigFile, loadPastedKubeconfig } from "@/lib/providers/kubernetes/kube-config";
import { KubeconfigPathError } from "@/lib/providers/kubernetes/kubeconfig-path";
import { KubeconfigRefusedError } from "@/lib/providers/kubernetes/kubeconfig-rules";
import type { KubernetesTargetConfig, KubernetesTargetSecrets } from "@/lib/schemas/targets";

/**
 * Refuses, when a target is added, a kubeconfig the console would refuse to load: a pasted one
 * that does not parse or would run a command or read a file here, a file path outside the
 * kubeconfig directory. Loading applies the same rules again (lib/providers/kubernetes/kube-config.ts).
 * Loading a pasted kubeconfig only parses it; nothing in it is used until a request is made.
 */
export function validateKubeconfig(config: KubernetesTargetConfig, secrets: KubernetesTargetSecrets): void {
  if (config.connection === "kubeconfig-inline") {
    if (!secrets.kubeconfig) {
      throw new ConsoleError("bad_request", "Paste the kubeconfig contents, or choose a kubeconfig file path.", {
        "secrets.kubeconfig": ["Required for an inline kubeconfig"],
      });
    }
    try {
      loadPastedKubeconfig(new KubeConfig(), secrets.kubeconfig);
    } catch (error) {
      const problems = error instanceof KubeconfigRefusedError ? error.problems : [(error as Error).message];
      throw new ConsoleError("unprocessable", (error as Error).message, { "secrets.kubeconfig": problems });
    }
  }
  if (config.connection === "kubeconfig-file") {
    try {
      kubeconfigFile(config);
    } catch (error) {
      if (!(error instanceof KubeconfigPathError)) throw error;
      throw new ConsoleError("unprocessable", error.message, { "config.kubeconfigPath": [error.message] });
    }
  }
}
