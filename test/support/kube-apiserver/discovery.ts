import { apiVersionOf, type ResourceType } from "./resources";

// Discovery documents as kube-apiserver serves them (k8s.io/apimachinery/pkg/apis/meta/v1 types):
// clients (and the console's connection check) learn from them which APIs are installed.

const VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

function resourceEntries(types: ResourceType[]) {
  const entries: Array<Record<string, unknown>> = [];
  for (const type of types) {
    entries.push({
      name: type.resource,
      singularName: type.singular ?? type.kind.toLowerCase(),
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: type.virtual ? ["create"] : VERBS,
      ...(type.shortNames ? { shortNames: type.shortNames } : {}),
    });
    for (const sub of type.subresources ?? []) {
      const verbs = sub === "log" ? ["get"] : sub === "proxy" ? ["create", "delete", "get", "patch", "update"] : ["get", "patch", "update"];
      entries.push({ name: `${type.resource}/${sub}`, singularName: "", namespaced: type.namespaced, kind: sub === "scale" ? "Scale" : type.kind, verbs });
    }
  }
  return entries;
}

export function coreVersions() {
  return { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1:6443" }] };
}

export function resourceList(groupVersion: string, types: ResourceType[]) {
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion, resources: resourceEntries(types) };
}

function groupEntry(name: string, types: ResourceType[]) {
  const versions = [...new Set(types.filter((t) => t.group === name).map((t) => t.version))].map((version) => ({
    groupVersion: apiVersionOf({ group: name, version }),
    version,
  }));
  return { name, versions, preferredVersion: versions[0] };
}

export function groupList(types: ResourceType[]) {
  const names = [...new Set(types.filter((t) => t.group !== "").map((t) => t.group))].sort();
  return { kind: "APIGroupList", apiVersion: "v1", groups: names.map((name) => groupEntry(name, types)) };
}

export function group(name: string, types: ResourceType[]) {
  return { kind: "APIGroup", apiVersion: "v1", ...groupEntry(name, types) };
}
