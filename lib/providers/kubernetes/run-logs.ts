import type { RunPod } from "@/lib/providers/training";
import { createInterface } from "node:readline";
import type { LogLine, LogOptions, RunRef } from "@/lib/providers/training";
import type { KubernetesContext } from "./context";
import { ConsoleError } from "@/lib/errors/console-error";
import { explainKubeError, isStatus } from "./kube-errors";
import { KubeApiError } from "./kube-request";
import { KINDS, resourcePath, type Manifest } from "./manifests";
import { LABEL_ATTEMPT, LABEL_COMPONENT, LABEL_RUN, runObjectNames } from "./names";
import { observeRun, runNamespace } from "./run-observer";

// A run's logs are its pods' logs: `<pod>` for one-container pods (the PaddleJob's workers and
// parameter servers, `<job>-worker-0` first), `<pod>/<container>` otherwise (the export Job's
// export and convert steps, VisualDL), plus `events`, the Kubernetes Events of the run's objects.

export const EVENTS_STREAM = "events";

const COMPONENT_ORDER = ["training", "export", "model-hub", "visualdl"];

/** The run's pods, training first (workers before parameter servers), then export, upload and VisualDL. */
export async function runPods(ctx: KubernetesContext, run: RunRef, signal?: AbortSignal): Promise<RunPod[]> {
  const { items } = await ctx.objects(runNamespace(ctx, run)).list(KINDS.pod, { labelSelector: `${LABEL_RUN}=${run.runId},${LABEL_ATTEMPT}=${run.attempt}` }, signal);
  const pods = items.map((pod): RunPod & { order: string } => {
    const labels = pod.metadata.labels ?? {};
    const component = labels[LABEL_COMPONENT] ?? "";
    const role = component === "training" ? (labels["paddle-res-type"] ?? "worker") : component;
    const spec = pod.spec as { initContainers?: Array<{ name: string }>; containers?: Array<{ name: string }>; nodeName?: string };
    const status = (pod.status ?? {}) as { phase?: string; startTime?: string; containerStatuses?: Array<{ restartCount?: number }> };
    return {
      name: pod.metadata.name,
      role,
      phase: status.phase ?? "Pending",
      restarts: (status.containerStatuses ?? []).reduce((sum, c) => sum + (c.restartCount ?? 0), 0),
      containers: [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) => c.name),
      node: spec.nodeName ?? null,
      startedAt: status.startTime ?? null,
      order: `${COMPONENT_ORDER.indexOf(component)}-${role === "worker" ? 0 : 1}-${pod.metadata.name}`,
    };
  });
  return pods
    .sort((a, b) => a.order.localeCompare(b.order, "en", { numeric: true }))
    .map((pod): RunPod => ({ name: pod.name, role: pod.role, phase: pod.phase, restarts: pod.restarts, containers: pod.containers, node: pod.node, startedAt: pod.startedAt }));
}

function streamsOf(pod: RunPod): string[] {
  return pod.containers.length === 1 ? [pod.name] : pod.containers.map((container) => `${pod.name}/${container}`);
}

export async function runLogStreams(ctx: KubernetesContext, run: RunRef): Promise<string[]> {
  return [...(await runPods(ctx, run)).flatMap(streamsOf), EVENTS_STREAM];
}

/** One stream, or (without `stream`) every training pod's, merged by time. */
export async function* runLogs(ctx: KubernetesContext, run: RunRef, options: LogOptions): AsyncIterable<LogLine> {
  if (options.stream === EVENTS_STREAM) {
    yield* runEvents(ctx, run, options);
    return;
  }
  if (options.stream) {
    const [pod = "", container] = options.stream.split("/");
    yield* containerLog(ctx, run, pod, container ?? null, options);
    return;
  }
  const training = async () => (await runPods(ctx, run, options.signal)).filter((pod) => pod.role === "worker" || pod.role === "ps");
  let pods = await training();
  if (!options.follow) {
    const all: LogLine[] = [];
    for (const pod of pods) for await (const line of containerLog(ctx, run, pod.name, pod.containers[0] ?? null, options)) all.push(line);
    yield* all.sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0));
    return;
  }
  // Following before the pods exist: wait for the operator to create them (or the run to end).
  while (pods.length === 0 && !options.signal?.aborted) {
    const state = (await observeRun(ctx, run)).state;
    if (state !== "Queued" && state !== "Starting" && state !== "Running") return;
    await ctx.sleep(ctx.deps.pollIntervalMs ?? 1_000, options.signal);
    pods = await training();
  }
  yield* merge(pods.map((pod) => containerLog(ctx, run, pod.name, pod.containers[0] ?? null, options)));
}

const TIMESTAMPED = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d) ?(.*)$/;

function parseLine(stream: string, raw: string): LogLine {
  const match = TIMESTAMPED.exec(raw);
  if (!match) return { stream, text: raw, at: null };
  const millis = (match[2] ?? "").slice(0, 4);
  return { stream, text: match[4] ?? "", at: new Date(`${match[1]}${millis}${match[3]}`) };
}

/** `pods/<name>/log` with kubelet timestamps; when following, waits for a container that has not started yet. */
async function* containerLog(ctx: KubernetesContext, run: RunRef, pod: string, container: string | null, options: LogOptions): AsyncIterable<LogLine> {
  const namespace = runNamespace(ctx, run);
  const stream = container && container !== "paddle" && container !== pod ? `${pod}/${container}` : pod;
  for (;;) {
    try {
      const response = await ctx.session().request(`${resourcePath(KINDS.pod, namespace, pod)}/log`, {
        query: {
          ...(container ? { container } : {}),
          timestamps: true,
          follow: options.follow ? true : undefined,
          previous: options.previous ? true : undefined,
          sinceTime: options.since ? options.since.toISOString().replace(/\.\d{3}Z$/, "Z") : undefined,
        },
        signal: options.signal,
      });
      try {
        for await (const line of createInterface({ input: response, crlfDelay: Infinity })) yield parseLine(stream, line);
      } finally {
        response.destroy();
      }
      return;
    } catch (error) {
      if (options.signal?.aborted) return;
      // "container … is waiting to start": when following, try again once it runs.
      const waiting = error instanceof KubeApiError && error.statusCode === 400 && /waiting to start/.test(error.serverMessage);
      if (waiting && options.follow) {
        await ctx.sleep(ctx.deps.pollIntervalMs ?? 1_000, options.signal);
        continue;
      }
      if (isStatus(error, 404)) throw new ConsoleError("not_found", `Pod ${pod} of run ${run.name} no longer exists (its logs went with it).`);
      if (error instanceof KubeApiError && error.statusCode === 400) throw new ConsoleError("bad_request", error.serverMessage);
      throw explainKubeError(error, { verb: "get", resource: "pods/log", namespace, name: pod });
    }
  }
}

/** The Kubernetes Events of the PaddleJob, its pods and the run's other objects, oldest first; polled when following. */
async function* runEvents(ctx: KubernetesContext, run: RunRef, options: LogOptions): AsyncIterable<LogLine> {
  const namespace = runNamespace(ctx, run);
  const names = runObjectNames(run.name, run.attempt);
  const seen = new Set<string>();
  for (;;) {
    const pods = new Set((await runPods(ctx, run, options.signal).catch(() => [])).map((pod) => pod.name));
    const own = new Set([names.paddleJob, names.exportJob, names.modelHubJob, names.visualdl, ...pods]);
    const { items } = await ctx.objects(namespace).list(KINDS.event, {}, options.signal);
    const fresh = items
      .filter((event) => own.has((event as Manifest & { involvedObject?: { name?: string } }).involvedObject?.name ?? ""))
      .map((event) => eventLine(event as KubeEvent))
      .filter((line) => !seen.has(line.key) && (!options.since || (line.at?.getTime() ?? 0) >= options.since.getTime()))
      .sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0));
    for (const line of fresh) {
      seen.add(line.key);
      yield { stream: EVENTS_STREAM, text: line.text, at: line.at };
    }
    if (!options.follow || options.signal?.aborted) return;
    await ctx.sleep(ctx.deps.pollIntervalMs ?? 2_000, options.signal);
    if (options.signal?.aborted) return;
  }
}

interface KubeEvent extends Manifest {
  involvedObject?: { kind?: string; name?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  firstTimestamp?: string;
}

function eventLine(event: KubeEvent): { key: string; text: string; at: Date | null } {
  const when = event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? event.metadata.creationTimestamp;
  const count = (event.count ?? 1) > 1 ? ` (×${event.count})` : "";
  return {
    key: `${event.metadata.name}#${event.count ?? 1}`,
    text: `${event.type ?? "Normal"} ${event.reason ?? ""} ${event.involvedObject?.kind ?? ""}/${event.involvedObject?.name ?? ""}: ${event.message ?? ""}${count}`,
    at: when ? new Date(when) : null,
  };
}

/** Interleaves several async iterables as their items arrive. */
async function* merge<T>(sources: Array<AsyncIterable<T>>): AsyncIterable<T> {
  const iterators = sources.map((source) => source[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<T> }>>();
  const pull = (index: number) => pending.set(index, iterators[index]!.next().then((result) => ({ index, result })));
  iterators.forEach((_, index) => pull(index));
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        continue;
      }
      pull(index);
      yield result.value;
    }
  } finally {
    // Not awaited: a follower blocked on a quiet stream ends when the caller's signal aborts.
    for (const iterator of iterators) void iterator.return?.(undefined).catch(() => undefined);
  }
}

export type { RunPod };
