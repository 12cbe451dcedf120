import { CoreV1Api, VersionApi, type KubeConfig } from "@kubernetes/client-node";
import { describeError, runConnectionCheck } from "../connection-check";
import type { CheckItem, Provider } from "../types";
import { apiItems, discoverApis, permissionItems, summarizeMissing } from "./cluster-apis";
import { KubernetesContext, type KubernetesDeps, type KubernetesTarget } from "./context";
import { kubernetesDatasetCache } from "./dataset-cache";
import { kubernetesEndpoints } from "./endpoints";
import { loadKubeConfig } from "./kube-config";
import { KubeApiError, kubeCall, type KubeCallContext } from "./kube-request";
import { KubeSession } from "./kube-session";
import { kubernetesTraining } from "./training-backend";

/** A whole check gets this long; a black-holed address must not leave the settings page spinning. */
const CHECK_TIMEOUT_MS = 10_000;

/** A Kubernetes cluster running the PaddleCloud operators, reached through a kubeconfig or in-cluster. */
export function kubernetesProvider(target: KubernetesTarget, deps: KubernetesDeps = {}): Provider {
  const ctx = new KubernetesContext(target, deps);
  return {
    kind: "kubernetes",
    training: kubernetesTraining(ctx),
    datasets: kubernetesDatasetCache(ctx),
    endpoints: kubernetesEndpoints(ctx),
    async check(options) {
      const deadline = AbortSignal.timeout(CHECK_TIMEOUT_MS);
      const signal = options?.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
      const { namespace } = target.config;
      let session: { kc: KubeConfig; call: KubeCallContext } | undefined;
      // Probes run in order and stop at the first failure, so later ones always find a session.
      const connected = () => {
        if (!session) throw new Error("The kubeconfig was not loaded.");
        return session;
      };
      let version = "";
      let phase = "";

      const reachable = await runConnectionCheck(
        [
          {
            name: "Kubeconfig",
            run: async () => {
              const kc = loadKubeConfig(target.config, target.secrets);
              const server = kc.getCurrentCluster()?.server ?? "(no server)";
              session = { kc, call: { server, signal, deadline: { signal: deadline, ms: CHECK_TIMEOUT_MS } } };
              return `Context ${kc.getCurrentContext()} → ${server}`;
            },
          },
          {
            name: "API server",
            run: async () => {
              const { kc, call } = connected();
              const info = await kubeCall(call, (o) => kc.makeApiClient(VersionApi).getCode(undefined, o));
              version = info.gitVersion;
              return `Kubernetes ${version} (${info.platform})`;
            },
          },
          {
            name: "Namespace",
            run: async () => {
              const { kc, call } = connected();
              try {
                const ns = await kubeCall(call, (o) => kc.makeApiClient(CoreV1Api).readNamespace({ name: namespace }, o));
                phase = ns.status?.phase ?? "phase unknown";
                return `namespace ${namespace} (${phase})`;
              } catch (error) {
                if (error instanceof KubeApiError && error.statusCode === 404) {
                  throw new Error(`namespace ${namespace} does not exist on this cluster (create it, or pick another namespace).`);
                }
                throw error;
              }
            },
          },
        ],
        (items) => items.find((item) => !item.ok)?.message ?? `Kubernetes ${version} · namespace ${namespace} (${phase})`,
      );
      if (!reachable.ok) return reachable;

      // The cluster answers: now everything PaddleCloud needs, each reported, none stopping the others.
      const started = Date.parse(reachable.checkedAt);
      const items: CheckItem[] = [...reachable.items];
      let failure: string | null = null;
      try {
        const kube = new KubeSession(target.config, target.secrets);
        const apis = await discoverApis(kube, signal);
        items.push(...apiItems(apis));
        items.push(...(await permissionItems(kube, namespace, apis.paddleServiceGroup, signal)));
      } catch (error) {
        failure = describeError(error);
        items.push({ name: "PaddleCloud", ok: false, message: failure });
      }
      const ok = items.every((item) => item.ok);
      const missing = summarizeMissing(items.slice(reachable.items.length));
      return {
        ...reachable,
        ok,
        items,
        summary: ok ? `${reachable.summary} · PaddleCloud ready` : (failure ?? missing),
        durationMs: Date.now() - started,
      };
    },
  };
}
