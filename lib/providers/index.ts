import { kubernetesProvider } from "./kubernetes/kubernetes-provider";
import { localProvider } from "./local/local-provider";
import { sagemakerProvider } from "./sagemaker/sagemaker-provider";
import type { Provider, ResolvedTarget } from "./types";

/** The provider that talks to a target's backend. */
export function providerFor(target: ResolvedTarget): Provider {
  switch (target.kind) {
    case "local":
      return localProvider();
    case "kubernetes":
      return kubernetesProvider(target);
    case "sagemaker":
      return sagemakerProvider(target);
  }
}
