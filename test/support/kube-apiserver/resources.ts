/** What the fake serves: one entry per resource type, like the server's discovery documents. */
export interface ResourceType {
  group: string;
  version: string;
  /** Plural, lowercase, as used in URLs: `namespaces`, `paddlejobs`. */
  resource: string;
  kind: string;
  namespaced: boolean;
}

export const coreResources: ResourceType[] = [
  { group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false },
];

const namespaceSubresources = new Set(["status", "finalize"]);

/** A request path taken apart the way the API server's request-info resolver does. */
export interface ResourceRequest {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
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
  // /namespaces/{ns}/{resource}/... addresses a namespaced resource, but /namespaces/{name} and its
  // status/finalize subresources address the namespace itself (as in k8s.io/apiserver's RequestInfoFactory).
  if (rest[0] === "namespaces" && rest.length >= 3 && !namespaceSubresources.has(rest[2] ?? "")) {
    const [, namespace, resource, name, subresource] = rest;
    if (namespace === undefined || resource === undefined) return undefined;
    return { group, version, resource, namespace, name, subresource };
  }
  const [resource, name, subresource] = rest;
  if (resource === undefined) return undefined;
  return { group, version, resource, name, subresource };
}
