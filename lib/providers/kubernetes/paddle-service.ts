import { z } from "zod";
import { ConsoleError } from "@/lib/errors/console-error";
import type { EndpointDeployment, EndpointVariant } from "@/lib/providers/types";
import { apiVersionOf, paddleServiceKind, shellWord, type Manifest, type PaddleServiceGroup } from "./manifests";
import { LABEL_ENDPOINT, MANAGED_BY, dnsLabel, shortHash } from "./names";

// PaddleService, as PaddleCloud's kfp serving component writes it (pipeline/src/serving.py):
// runtimeVersion paddleserving, a `default` variant that downloads the model hub tarball from MinIO
// and starts paddle_serving_server on port 9292, Knative autoscaling under `service`; plus a
// `canary` variant and `canaryTrafficPercent` for canary / blue-green releases.

const quantity = z.string().trim().regex(/^\d+(\.\d+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$/, "A Kubernetes quantity, e.g. 500m, 2, 4Gi");

export const kubernetesEndpointConfigSchema = z.object({
  /** The PaddleServing image, `repository:tag` (the component splits it into containerImage and tag). */
  image: z.string().trim().regex(/^\S+:[^/:\s]+$/, "An image with a tag, e.g. registry/serving:v0.6.2").default("registry.baidubce.com/paddleflow-public/serving:v0.6.2"),
  port: z.number().int().min(1).max(65535).default(9292),
  resources: z
    .object({ cpu: quantity.optional(), memory: quantity.optional(), gpus: z.number().int().min(0).max(8).optional() })
    .default({}),
  autoscaling: z
    .object({
      minScale: z.number().int().min(0).max(100).default(1),
      maxScale: z.number().int().min(1).max(1000).optional(),
      autoscaler: z.enum(["kpa.autoscaling.knative.dev", "hpa.autoscaling.knative.dev"]).optional(),
      metric: z.enum(["concurrency", "rps", "cpu"]).optional(),
      target: z.number().int().min(1).optional(),
      /** Knative's stable window, e.g. `60s`. */
      window: z.string().trim().regex(/^\d+(s|m)$/, "A duration like 60s").optional(),
    })
    .default({ minScale: 1 }),
  /** The PaddleServing OCR pipeline's route. */
  predictPath: z.string().trim().regex(/^\/\S*$/).default("/ocr/prediction"),
  /** Replaces the whole container argument (download + serve) when the image starts differently. */
  arg: z.string().trim().max(4000).optional(),
});

/** The route test requests go to, kept on the PaddleService so a test needs nothing but the endpoint id. */
export const PREDICT_PATH_ANNOTATION = "ocr-console/predict-path";

export type KubernetesEndpointConfig = z.infer<typeof kubernetesEndpointConfigSchema>;

export function parseEndpointConfig(config: Record<string, unknown> | undefined): KubernetesEndpointConfig {
  const parsed = kubernetesEndpointConfigSchema.safeParse(config ?? {});
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[`config.${issue.path.join(".")}`] ??= []).push(issue.message);
  throw new ConsoleError("bad_request", `Invalid serving settings — ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`, fieldErrors);
}

/** The PaddleService's name: the endpoint's name as a DNS label starting with a letter, short enough for Knative's revision names. */
export function paddleServiceName(endpoint: { id: string; name: string }): string {
  const label = dnsLabel(endpoint.name, "endpoint");
  const safe = /^[a-z]/.test(label) ? label : `e-${label}`;
  return safe.length <= 40 ? safe : `${safe.slice(0, 33).replace(/-+$/, "")}-${shortHash(endpoint.id)}`;
}

/** The version's tarball as a URL pods fetch: the model hub object through MinIO as the cluster reaches it. */
export function tarballUrl(variant: Pick<EndpointVariant, "storageUri" | "modelName">, minioEndpoint: string): string {
  const match = /^(?:s3|minio):\/\/([^/]+)\/(.*)$/.exec(variant.storageUri);
  if (!match) throw new ConsoleError("unprocessable", `A Kubernetes endpoint downloads its model from MinIO; ${variant.storageUri} is not an s3:// or minio:// location.`);
  const key = /\.(tar\.gz|tgz)$/.test(match[2]!) ? match[2]! : `${match[2]!.replace(/\/?$/, "/")}${variant.modelName}.tar.gz`;
  return `${minioEndpoint.replace(/\/$/, "")}/${match[1]}/${key}`;
}

function splitImage(image: string): { containerImage: string; tag: string } {
  const colon = image.lastIndexOf(":");
  return { containerImage: image.slice(0, colon), tag: image.slice(colon + 1) };
}

function variantSpec(variant: EndpointVariant, config: KubernetesEndpointConfig, minioEndpoint: string) {
  const url = tarballUrl(variant, minioEndpoint);
  const file = url.split("/").pop()!;
  const folder = file.replace(/\.(tar\.gz|tgz)$/, "");
  const arg =
    config.arg ??
    `wget ${shellWord(url)} && tar xzf ${shellWord(file)} && rm -rf ${shellWord(file)} && python3 -m paddle_serving_server.serve --model ${shellWord(`${folder}/server`)} --port ${config.port}`;
  return { ...splitImage(config.image), port: config.port, arg };
}

/** The variants of a deployment: given by the endpoints domain, else the one model version it names. */
export function deploymentVariants(endpoint: EndpointDeployment): EndpointVariant[] {
  if (endpoint.variants && endpoint.variants.length > 0) return endpoint.variants;
  if (endpoint.modelSource === "builtin" || endpoint.modelSource.startsWith("builtin:")) {
    throw new ConsoleError("unprocessable", "The built-in PP-OCRv4 model is served by the local target; deploy a registered model version to a Kubernetes target.");
  }
  const match = /^(?:s3|minio):\/\/[^/]+\/([^/]+)\/([^/]+)\//.exec(endpoint.modelSource);
  if (!match) throw new ConsoleError("unprocessable", `Cannot tell the model version of ${endpoint.modelSource}.`);
  return [{ role: "primary", modelName: match[1]!, version: match[2]!, storageUri: endpoint.modelSource, format: null, trafficPercent: 100 }];
}

export function paddleServiceSpec(endpoint: EndpointDeployment, minioEndpoint: string): Record<string, unknown> {
  const config = parseEndpointConfig(endpoint.config);
  const variants = deploymentVariants(endpoint);
  const primary = variants.find((v) => v.role === "primary") ?? variants[0]!;
  const canary = variants.find((v) => v.role === "canary" && v !== primary);
  const requests: Record<string, string> = {};
  if (config.resources.cpu) requests.cpu = config.resources.cpu;
  if (config.resources.memory) requests.memory = config.resources.memory;
  const limits = config.resources.gpus ? { "nvidia.com/gpu": String(config.resources.gpus) } : undefined;
  const { minScale, maxScale, autoscaler, metric, target, window } = config.autoscaling;
  return {
    runtimeVersion: "paddleserving",
    default: variantSpec(primary, config, minioEndpoint),
    // null removes the canary in a merge patch (promote / roll back).
    canary: canary ? variantSpec(canary, config, minioEndpoint) : null,
    canaryTrafficPercent: canary ? Math.max(0, Math.min(100, Math.round(canary.trafficPercent))) : null,
    // Every optional setting is sent, null when unset: updates are merge patches, and a setting the
    // user cleared must be removed from the cluster, not kept from before.
    service: {
      minScale,
      maxScale: maxScale ?? null,
      autoscaler: autoscaler || null,
      metric: metric || null,
      target: target ?? null,
      window: window || null,
    },
    resources:
      Object.keys(requests).length > 0 || limits
        ? { requests: Object.keys(requests).length > 0 ? requests : null, limits: limits ?? null }
        : null,
  };
}

/** Without the nulls, at any depth (a create sends no deletions). */
export function withoutNulls(spec: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(spec)
      .filter(([, value]) => value !== null)
      .map(([key, value]) => [key, value && typeof value === "object" && !Array.isArray(value) ? withoutNulls(value as Record<string, unknown>) : value]),
  );
}

export function paddleServiceManifest(endpoint: EndpointDeployment, group: PaddleServiceGroup, namespace: string, minioEndpoint: string): Manifest {
  return {
    apiVersion: apiVersionOf(paddleServiceKind(group)),
    kind: "PaddleService",
    metadata: {
      name: paddleServiceName(endpoint),
      namespace,
      labels: { ...MANAGED_BY, [LABEL_ENDPOINT]: endpoint.id },
      annotations: { "ocr-console/endpoint-name": endpoint.name, [PREDICT_PATH_ANNOTATION]: parseEndpointConfig(endpoint.config).predictPath },
    },
    spec: withoutNulls(paddleServiceSpec(endpoint, minioEndpoint)),
  };
}
