import { performance } from "node:perf_hooks";
import { ConsoleError } from "@/lib/errors/console-error";
import { normalizeOcrAnswer, ocrRequestBody, OcrClientError } from "@/lib/ocr/client";
import type { OcrResult } from "@/lib/ocr";
import type { EndpointBackend, EndpointDeployment } from "@/lib/providers/types";
import { discoverApis } from "./cluster-apis";
import type { KubernetesContext } from "./context";
import { explainKubeError } from "./kube-errors";
import { KubeApiError } from "./kube-request";
import { readText } from "./kube-session";
import { KINDS, paddleServiceKind, resourcePath, type Manifest, type PaddleServiceGroup } from "./manifests";
import { LABEL_ENDPOINT } from "./names";
import { knativeRuntime, pickRevision, type KnativeEndpointRuntime } from "./knative-service";
import { paddleServiceManifest, paddleServiceSpec, parseEndpointConfig, PREDICT_PATH_ANNOTATION } from "./paddle-service";

// Serving on PaddleCloud: one PaddleService per endpoint (in whichever PaddleService group the
// cluster has), its canary variant and traffic share moved in place for canary steps, promotion and
// roll back; status from the Knative Service; test requests in the PaddleServing OCR pipeline
// protocol through the API server's service proxy to a revision picked by the traffic split.

export interface KubernetesEndpointBackend extends EndpointBackend {
  status(endpointId: string): Promise<KnativeEndpointRuntime>;
}

export function kubernetesEndpoints(ctx: KubernetesContext): KubernetesEndpointBackend {
  let group: Promise<PaddleServiceGroup> | null = null;
  const serviceGroup = () => {
    group ??= discoverApis(ctx.session(), AbortSignal.timeout(15_000)).then((apis) => {
      if (!apis.paddleServiceGroup) {
        throw new ConsoleError("unavailable", "The cluster has no PaddleService API (elasticserving.paddlepaddle.org or serving.paddlepaddle.org): install ElasticServing or PaddleCloud serving.");
      }
      return apis.paddleServiceGroup;
    });
    group.catch(() => (group = null));
    return group;
  };

  /** The endpoint's PaddleService, found by its label (the backend is asked by endpoint id only). */
  async function find(endpointId: string): Promise<Manifest | null> {
    const kind = paddleServiceKind(await serviceGroup());
    const { items } = await ctx.objects().list(kind, { labelSelector: `${LABEL_ENDPOINT}=${endpointId}` });
    return items[0] ?? null;
  }

  const owns = (endpoint: EndpointDeployment) => (existing: Manifest) => existing.metadata.labels?.[LABEL_ENDPOINT] === endpoint.id;

  /** Sets the PaddleService spec to the deployment's, conditional on the version read (409 → read again). */
  async function apply(endpoint: EndpointDeployment): Promise<void> {
    const kind = paddleServiceKind(await serviceGroup());
    const desired = paddleServiceManifest(endpoint, await serviceGroup(), ctx.namespace, ctx.target.config.minioEndpoint);
    const { created } = await ctx.objects().ensure(kind, desired, owns(endpoint));
    if (created) return;
    await ctx.objects().update(kind, desired.metadata.name, () => ({ metadata: { annotations: desired.metadata.annotations }, spec: paddleServiceSpec(endpoint, ctx.target.config.minioEndpoint) }));
  }

  return {
    async deploy(endpoint) {
      parseEndpointConfig(endpoint.config);
      await apply(endpoint);
    },

    async shiftTraffic(endpoint) {
      const existing = await find(endpoint.id);
      if (!existing) throw new ConsoleError("not_found", `Endpoint ${endpoint.name} is not deployed on ${ctx.target.name}.`);
      await ctx.objects().update(paddleServiceKind(await serviceGroup()), existing.metadata.name, () => ({ spec: paddleServiceSpec(endpoint, ctx.target.config.minioEndpoint) }));
    },

    async undeploy(endpointId) {
      const existing = await find(endpointId);
      // The Knative Service and its revisions go with it (owner references).
      if (existing) await ctx.objects().delete(paddleServiceKind(await serviceGroup()), existing.metadata.name);
    },

    async status(endpointId) {
      const existing = await find(endpointId);
      if (!existing) return { state: "stopped", reason: "No PaddleService for this endpoint on the cluster", restarts: 0, url: null, traffic: [], conditions: [] };
      const service = await ctx.objects().get(KINDS.knativeService, existing.metadata.name);
      const pods = await ctx
        .objects()
        .list(KINDS.pod, { labelSelector: `serving.knative.dev/service=${existing.metadata.name}` })
        .catch(() => ({ items: [] as Manifest[] }));
      const restarts = pods.items.reduce(
        (sum, pod) => sum + (((pod.status ?? {}) as { containerStatuses?: Array<{ restartCount?: number }> }).containerStatuses ?? []).reduce((s, c) => s + (c.restartCount ?? 0), 0),
        0,
      );
      return knativeRuntime(service, restarts);
    },

    async invoke(endpointId, image): Promise<OcrResult> {
      const existing = await find(endpointId);
      if (!existing) throw new ConsoleError("unavailable", "The endpoint is not deployed on the cluster.");
      const runtime = knativeRuntime(await ctx.objects().get(KINDS.knativeService, existing.metadata.name), 0);
      const revision = pickRevision(runtime.traffic, (ctx.deps.random ?? Math.random)());
      if (!revision) throw new ConsoleError("unavailable", `The endpoint is not ready: ${runtime.reason ?? "no revision takes traffic yet"}.`);
      const path = `${resourcePath(KINDS.service, ctx.namespace, `${revision.revisionName}:80`)}/proxy${existing.metadata.annotations?.[PREDICT_PATH_ANNOTATION] ?? "/ocr/prediction"}`;
      const started = performance.now();
      let text: string;
      try {
        const response = await ctx.session().request(path, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(ocrRequestBody("paddle-serving-pipeline", image)),
          signal: AbortSignal.timeout(60_000),
        });
        text = await readText(response);
      } catch (error) {
        if (error instanceof KubeApiError && error.statusCode === 503) throw new ConsoleError("unavailable", `The endpoint has no ready pods yet (${error.serverMessage}).`);
        throw explainKubeError(error, { verb: "create", resource: "services/proxy", namespace: ctx.namespace, name: revision.revisionName });
      }
      const roundTripMs = performance.now() - started;
      let answer;
      try {
        answer = normalizeOcrAnswer("paddle-serving-pipeline", JSON.parse(text), roundTripMs);
      } catch (error) {
        if (error instanceof OcrClientError) throw new ConsoleError(error.kind === "remote" ? "unprocessable" : "unavailable", error.message);
        throw new ConsoleError("unavailable", `PaddleServing did not answer JSON: ${text.slice(0, 200)}`);
      }
      const { width, height } = await imageSize(image);
      return {
        lines: answer.lines.map((line) => ({ text: line.text, score: line.score ?? 0, box: line.box })),
        timings: { decodeMs: 0, detMs: 0, clsMs: 0, recMs: 0, totalMs: roundTripMs },
        width,
        height,
      };
    },
  };
}

async function imageSize(image: Uint8Array): Promise<{ width: number; height: number }> {
  try {
    const sharp = (await import("sharp")).default;
    const meta = await sharp(image).metadata();
    return { width: meta.width ?? 0, height: meta.height ?? 0 };
  } catch {
    return { width: 0, height: 0 };
  }
}
