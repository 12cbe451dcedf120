import type { JsonSchema } from "./schema-validation";

/** What the fake serves: one entry per resource type, like the server's discovery documents. */
export interface ResourceType {
  group: string;
  version: string;
  /** Plural, lowercase, as used in URLs: `namespaces`, `paddlejobs`. */
  resource: string;
  kind: string;
  namespaced: boolean;
  singular?: string;
  shortNames?: string[];
  /** Subresources served: `status` (written only through /status), `log`, `proxy`, `scale`. */
  subresources?: string[];
  /** The CRD's openAPIV3Schema: every write is validated against it (custom resources only). */
  schema?: JsonSchema;
  /** Only `create` is served and nothing is stored (SelfSubjectAccessReview). */
  virtual?: boolean;
  /** DELETE without a propagationPolicy orphans dependents (batch/v1 Jobs keep this old default). */
  orphanByDefault?: boolean;
}

const core = (resource: string, kind: string, namespaced: boolean, extra: Partial<ResourceType> = {}): ResourceType => ({
  group: "",
  version: "v1",
  resource,
  kind,
  namespaced,
  singular: kind.toLowerCase(),
  ...extra,
});

export const coreResources: ResourceType[] = [
  core("namespaces", "Namespace", false, { shortNames: ["ns"], subresources: ["status", "finalize"] }),
  core("pods", "Pod", true, { shortNames: ["po"], subresources: ["status", "log", "proxy"] }),
  core("services", "Service", true, { shortNames: ["svc"], subresources: ["status", "proxy"] }),
  core("persistentvolumeclaims", "PersistentVolumeClaim", true, { shortNames: ["pvc"], subresources: ["status"] }),
  core("events", "Event", true, { shortNames: ["ev"] }),
  core("secrets", "Secret", true),
  core("configmaps", "ConfigMap", true, { shortNames: ["cm"] }),
];

/** Built-in API groups beyond core that the console uses. */
export const builtinGroupResources: ResourceType[] = [
  { group: "apps", version: "v1", resource: "deployments", kind: "Deployment", namespaced: true, singular: "deployment", shortNames: ["deploy"], subresources: ["status", "scale"] },
  { group: "batch", version: "v1", resource: "jobs", kind: "Job", namespaced: true, singular: "job", subresources: ["status"], orphanByDefault: true },
  {
    group: "authorization.k8s.io",
    version: "v1",
    resource: "selfsubjectaccessreviews",
    kind: "SelfSubjectAccessReview",
    namespaced: false,
    singular: "selfsubjectaccessreview",
    virtual: true,
  },
];

/** Knative Serving's Service (no CRD file in the reference: served without schema validation). */
export const knativeServiceResource: ResourceType = {
  group: "serving.knative.dev",
  version: "v1",
  resource: "services",
  kind: "Service",
  namespaced: true,
  singular: "service",
  shortNames: ["kservice", "ksvc"],
  subresources: ["status"],
};

const namespaceSubresources = new Set(["status", "finalize"]);

/** A request path taken apart the way the API server's request-info resolver does. */
export interface ResourceRequest {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** What follows the subresource, for `proxy`: `/ocr/prediction`. */
  subpath?: string;
}

/**
 * Parses `/api/v1/...` and `/apis/{group}/{version}/...` resource paths. Returns undefined for
 * anything else (discovery, /version…), which the server routes separately.
 */
export function parseResourcePath(pathname: string): ResourceRequest | undefined {
  const parts = pathname.split("/").filter((part) => part !== "").map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === "api" && parts.length >= 3) {
    group = "";
    version = parts[1] ?? "";
    rest = parts.slice(2);
  } else if (parts[0] === "apis" && parts.length >= 4) {
    group = parts[1] ?? "";
    version = parts[2] ?? "";
    rest = parts.slice(3);
  } else {
    return undefined;
  }
  const trailingSlash = pathname.endsWith("/") ? "/" : "";
  const subpathOf = (from: string[]) => (from.length > 0 ? `/${from.join("/")}${trailingSlash}` : trailingSlash || undefined);
  // /namespaces/{ns}/{resource}/... addresses a namespaced resource, but /namespaces/{name} and its
  // status/finalize subresources address the namespace itself (as in k8s.io/apiserver's RequestInfoFactory).
  if (rest[0] === "namespaces" && rest.length >= 3 && !namespaceSubresources.has(rest[2] ?? "")) {
    const [, namespace, resource, name, subresource, ...tail] = rest;
    if (namespace === undefined || resource === undefined) return undefined;
    const subpath = subresource !== undefined ? subpathOf(tail) : undefined;
    return { group, version, resource, namespace, name, subresource, ...(subpath !== undefined ? { subpath } : {}) };
  }
  const [resource, name, subresource, ...tail] = rest;
  if (resource === undefined) return undefined;
  const subpath = subresource !== undefined ? subpathOf(tail) : undefined;
  return { group, version, resource, name, subresource, ...(subpath !== undefined ? { subpath } : {}) };
}

export function apiVersionOf(type: Pick<ResourceType, "group" | "version">): string {
  return type.group === "" ? type.version : `${type.group}/${type.version}`;
}
