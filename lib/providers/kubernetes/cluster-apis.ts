import { ApisApi, AuthorizationV1Api } from "@kubernetes/client-node";
import type { CheckItem } from "../types";
import { KubeApiError } from "./kube-request";
import type { KubeSession } from "./kube-session";
import { PADDLE_SERVICE_GROUPS, type PaddleServiceGroup } from "./manifests";

// What the console needs from the cluster beyond a reachable API server: the PaddleCloud and Knative
// APIs installed (API discovery) and the permission to use them (SelfSubjectAccessReview), each
// answered as a list of what is missing rather than the first failure.

interface RequiredApi {
  name: string;
  group: string;
  version: string;
  resource: string;
  install: string;
}

const REQUIRED_APIS: RequiredApi[] = [
  { name: "PaddleJob", group: "batch.paddlepaddle.org", version: "v1", resource: "paddlejobs", install: "install paddle-operator (PaddleCloud)" },
  { name: "SampleSet", group: "batch.paddlepaddle.org", version: "v1alpha1", resource: "samplesets", install: "install PaddleCloud's dataset controller" },
  { name: "SampleJob", group: "batch.paddlepaddle.org", version: "v1alpha1", resource: "samplejobs", install: "install PaddleCloud's dataset controller" },
  { name: "Knative Service", group: "serving.knative.dev", version: "v1", resource: "services", install: "install Knative Serving" },
];

export interface ClusterApis {
  /** `<group>/<version>` → resource plurals it serves. */
  served: Map<string, Set<string>>;
  paddleServiceGroup: PaddleServiceGroup | null;
}

/** Reads /apis, then the resource list of each group the console uses; a group not there serves nothing. */
export async function discoverApis(session: KubeSession, signal?: AbortSignal): Promise<ClusterApis> {
  const groups = await session.call((o) => session.api(ApisApi).getAPIVersions(o), signal);
  const wanted = new Set([...REQUIRED_APIS.map((api) => api.group), ...PADDLE_SERVICE_GROUPS]);
  const served = new Map<string, Set<string>>();
  await Promise.all(
    groups.groups
      .filter((group) => wanted.has(group.name))
      .flatMap((group) => group.versions.map((version) => version.groupVersion))
      .map(async (groupVersion) => {
        try {
          const list = await session.json<{ resources?: Array<{ name: string }> }>(`/apis/${groupVersion}`, { signal });
          served.set(groupVersion, new Set((list.resources ?? []).map((r) => r.name).filter((name) => !name.includes("/"))));
        } catch (error) {
          if (!(error instanceof KubeApiError && error.statusCode === 404)) throw error;
        }
      }),
  );
  // ElasticServing's group first: it is the one PaddleCloud's kfp serving component writes.
  const paddleServiceGroup = PADDLE_SERVICE_GROUPS.find((group) => served.get(`${group}/v1`)?.has("paddleservices")) ?? null;
  return { served, paddleServiceGroup };
}

export function apiItems(apis: ClusterApis): CheckItem[] {
  const items: CheckItem[] = REQUIRED_APIS.map((api) => {
    const ok = apis.served.get(`${api.group}/${api.version}`)?.has(api.resource) ?? false;
    return {
      name: api.name,
      ok,
      message: ok ? `${api.name} installed (${api.resource}.${api.group}/${api.version})` : `${api.name} is not installed (${api.resource}.${api.group}/${api.version}): ${api.install}.`,
    };
  });
  items.splice(3, 0, {
    name: "PaddleService",
    ok: apis.paddleServiceGroup !== null,
    message: apis.paddleServiceGroup
      ? `PaddleService installed (${apis.paddleServiceGroup}/v1)`
      : "PaddleService is not installed (neither elasticserving.paddlepaddle.org/v1 nor serving.paddlepaddle.org/v1): install ElasticServing or PaddleCloud serving.",
  });
  return items;
}

interface Permission {
  group: string;
  resource: string;
  subresource?: string;
  verbs: string[];
}

function requiredPermissions(paddleServiceGroup: PaddleServiceGroup): Permission[] {
  return [
    { group: "batch.paddlepaddle.org", resource: "paddlejobs", verbs: ["create", "get", "list", "watch", "patch", "delete"] },
    { group: "batch.paddlepaddle.org", resource: "samplesets", verbs: ["create", "get"] },
    { group: "batch.paddlepaddle.org", resource: "samplejobs", verbs: ["create", "get", "delete"] },
    { group: paddleServiceGroup, resource: "paddleservices", verbs: ["create", "get", "list", "patch", "delete"] },
    { group: "serving.knative.dev", resource: "services", verbs: ["get"] },
    { group: "", resource: "persistentvolumeclaims", verbs: ["create", "get", "delete"] },
    { group: "", resource: "pods", verbs: ["get", "list"] },
    { group: "", resource: "pods", subresource: "log", verbs: ["get"] },
    { group: "", resource: "services", verbs: ["create", "get", "delete"] },
    { group: "", resource: "services", subresource: "proxy", verbs: ["get", "create"] },
    { group: "", resource: "events", verbs: ["list"] },
    { group: "apps", resource: "deployments", verbs: ["create", "get", "delete"] },
    { group: "batch", resource: "jobs", verbs: ["create", "get", "list", "watch", "delete"] },
  ];
}

function resourceName(p: Permission): string {
  const resource = p.subresource ? `${p.resource}/${p.subresource}` : p.resource;
  return p.group ? `${resource}.${p.group}` : resource;
}

/** One SelfSubjectAccessReview per verb and resource; a failed item per resource with what is denied. */
export async function permissionItems(session: KubeSession, namespace: string, paddleServiceGroup: PaddleServiceGroup | null, signal?: AbortSignal): Promise<CheckItem[]> {
  const permissions = requiredPermissions(paddleServiceGroup ?? "elasticserving.paddlepaddle.org");
  const auth = session.api(AuthorizationV1Api);
  const answers = await Promise.all(
    permissions.map(async (permission) => {
      const denied: string[] = [];
      await Promise.all(
        permission.verbs.map(async (verb) => {
          const review = await session.call(
            (o) =>
              auth.createSelfSubjectAccessReview(
                {
                  body: {
                    apiVersion: "authorization.k8s.io/v1",
                    kind: "SelfSubjectAccessReview",
                    spec: { resourceAttributes: { namespace, verb, group: permission.group, resource: permission.resource, ...(permission.subresource ? { subresource: permission.subresource } : {}) } },
                  },
                },
                o,
              ),
            signal,
          );
          if (!review.status?.allowed) denied.push(verb);
        }),
      );
      return { permission, denied: permission.verbs.filter((verb) => denied.includes(verb)) };
    }),
  );
  const refused = answers.filter((answer) => answer.denied.length > 0);
  const total = permissions.reduce((sum, p) => sum + p.verbs.length, 0);
  if (refused.length === 0) {
    return [{ name: "Permissions", ok: true, message: `The account may do all ${total} things the console needs in namespace ${namespace}` }];
  }
  return refused.map(({ permission, denied }) => ({
    name: "Permissions",
    ok: false,
    message: `May not ${denied.join(", ")} ${resourceName(permission)} in namespace ${namespace}`,
  }));
}

/** "Missing: SampleSet, SampleJob. Not allowed: delete paddleservices…" — the check's one line when something is missing. */
export function summarizeMissing(items: CheckItem[]): string {
  const missing = items.filter((item) => !item.ok && item.name !== "Permissions").map((item) => item.name);
  const denied = items.filter((item) => !item.ok && item.name === "Permissions").map((item) => item.message.replace(/^May not /, "").replace(/ in namespace \S+$/, ""));
  return [missing.length > 0 ? `Missing: ${missing.join(", ")}.` : "", denied.length > 0 ? `Not allowed: ${denied.join("; ")}.` : ""].filter(Boolean).join(" ");
}
