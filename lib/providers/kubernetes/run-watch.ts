import { createInterface } from "node:readline";
import type { RunObservation, RunRef } from "@/lib/providers/training";
import type { KubernetesContext } from "./context";
import { KubeApiError } from "./kube-request";
import { KINDS, resourcePath, type KindRef, type Manifest } from "./manifests";
import { LABEL_ATTEMPT, LABEL_COMPONENT, LABEL_RUN, MANAGED_BY } from "./names";
import { observeRun, runNamespace } from "./run-observer";

// The runs' status pushed from the cluster: one watch on the namespace's PaddleJobs (and one on the
// console's export / model hub Jobs, which carry a run past training), resumed from the last
// resourceVersion when the stream ends, re-listed when the server answers 410 Gone.

const MAX_BACKOFF_MS = 30_000;
const MANAGED = Object.entries(MANAGED_BY).map(([k, v]) => `${k}=${v}`).join(",");

interface WatchEvent {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: Manifest & { code?: number; reason?: string; message?: string };
}

export async function watchRuns(
  ctx: KubernetesContext,
  runs: () => RunRef[],
  onChange: (run: RunRef, observation: RunObservation) => void,
  signal: AbortSignal,
): Promise<void> {
  const last = new Map<string, string>();
  const report = async (run: RunRef, known?: Manifest | null) => {
    try {
      const observation = await observeRun(ctx, run, known);
      const key = `${run.runId}#${run.attempt}`;
      const fingerprint = JSON.stringify([observation.state, observation.phase, observation.reason, observation.message, observation.exitCode ?? null]);
      if (last.get(key) === fingerprint) return;
      last.set(key, fingerprint);
      onChange(run, observation);
    } catch {
      // A failed read is retried by the next event or the next status poll; one run never stops the watch.
    }
  };
  const runOf = (object: Manifest) => {
    const labels = object.metadata.labels ?? {};
    return runs().find((run) => run.runId === labels[LABEL_RUN] && String(run.attempt) === labels[LABEL_ATTEMPT]);
  };
  // Every namespace the active runs live in (normally just the target's).
  const namespaces = () => [...new Set([ctx.namespace, ...runs().map((run) => runNamespace(ctx, run))])];

  await Promise.all(
    namespaces().map((namespace) =>
      Promise.all([
        watchKind(ctx, namespace, KINDS.paddleJob, MANAGED, signal, {
          onList: async (items) => {
            const present = new Map(items.map((item) => [item.metadata.name, item]));
            for (const run of runs().filter((r) => runNamespace(ctx, r) === namespace)) {
              const job = [...present.values()].find((item) => runOf(item) === run);
              // Gone while nobody watched (a restart): reported as such, if it was ever launched.
              if (job || run.externalId) await report(run, job ?? null);
            }
          },
          onEvent: async (type, object) => {
            const run = runOf(object);
            if (run) await report(run, type === "DELETED" ? null : object);
          },
        }),
        watchKind(ctx, namespace, KINDS.job, `${MANAGED},${LABEL_COMPONENT} in (export,model-hub)`, signal, {
          onList: async () => {},
          onEvent: async (_type, object) => {
            const run = runOf(object);
            if (run) await report(run);
          },
        }),
      ]),
    ),
  );
}

interface WatchHandlers {
  onList(items: Manifest[]): Promise<void>;
  onEvent(type: "ADDED" | "MODIFIED" | "DELETED", object: Manifest): Promise<void>;
}

/** List, then watch from the list's resourceVersion; reconnect from the last one seen, re-list on 410. */
export async function watchKind(ctx: KubernetesContext, namespace: string, kind: KindRef, labelSelector: string, signal: AbortSignal, handlers: WatchHandlers): Promise<void> {
  const objects = ctx.objects(namespace);
  const session = ctx.session();
  const initialBackoff = ctx.deps.watchBackoffMs ?? 1_000;
  let resourceVersion: string | null = null;
  let failures = 0;
  while (!signal.aborted) {
    try {
      if (resourceVersion === null) {
        const list = await objects.list(kind, { labelSelector }, signal);
        resourceVersion = list.resourceVersion;
        await handlers.onList(list.items);
      }
      const response = await session.request(resourcePath(kind, namespace), {
        query: { watch: "true", resourceVersion, allowWatchBookmarks: "true", labelSelector, timeoutSeconds: 300 },
        signal,
      });
      failures = 0;
      const opened = Date.now();
      let events = 0;
      const lines = createInterface({ input: response, crlfDelay: Infinity });
      for await (const line of lines) {
        events += 1;
        if (!line.trim()) continue;
        const event = JSON.parse(line) as WatchEvent;
        if (event.type === "ERROR") {
          // 410 Gone: the server no longer has our resourceVersion; start again from a fresh list.
          if (event.object.code === 410) {
            resourceVersion = null;
            break;
          }
          throw new KubeApiError(event.object.code ?? 500, event.object.reason, event.object.message ?? "watch error");
        }
        if (event.object?.metadata?.resourceVersion) resourceVersion = event.object.metadata.resourceVersion;
        if (event.type !== "BOOKMARK") await handlers.onEvent(event.type, event.object);
      }
      response.destroy();
      // A server that closes watches at once must not make this a busy loop.
      if (resourceVersion !== null && events === 0 && Date.now() - opened < 1_000) await ctx.sleep(initialBackoff, signal);
    } catch {
      if (signal.aborted) break;
      failures += 1;
      await ctx.sleep(Math.min(initialBackoff * 2 ** (failures - 1), MAX_BACKOFF_MS), signal);
    }
  }
}
