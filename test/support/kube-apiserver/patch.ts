/**
 * The three patch formats the API server takes: JSON merge patch (RFC 7386), JSON patch
 * (RFC 6902) and strategic merge patch. Strategic merge only knows the merge keys of the core kinds
 * the console writes (containers by name, env by name, ports by port …); custom resources refuse it
 * with 415, as a real server does.
 */

export class PatchError extends Error {
  constructor(
    message: string,
    /** 422 for a failed `test` op / path that does not exist, as the server answers. */
    readonly code = 422,
  ) {
    super(message);
  }
}

export const PATCH_TYPES = {
  merge: "application/merge-patch+json",
  json: "application/json-patch+json",
  strategic: "application/strategic-merge-patch+json",
  apply: "application/apply-patch+yaml",
} as const;

type Json = unknown;

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

interface JsonPatchOp {
  op: "add" | "remove" | "replace" | "move" | "copy" | "test";
  path: string;
  value?: Json;
  from?: string;
}

export function jsonPatch(target: Json, operations: unknown): Json {
  if (!Array.isArray(operations)) throw new PatchError("json patch must be a list of operations", 400);
  let doc = structuredClone(target);
  for (const raw of operations as JsonPatchOp[]) {
    switch (raw.op) {
      case "add":
        doc = setAt(doc, pointer(raw.path), structuredClone(raw.value), "add");
        break;
      case "replace":
        getAt(doc, pointer(raw.path));
        doc = setAt(doc, pointer(raw.path), structuredClone(raw.value), "replace");
        break;
      case "remove":
        doc = removeAt(doc, pointer(raw.path));
        break;
      case "move": {
        const value = getAt(doc, pointer(raw.from ?? ""));
        doc = removeAt(doc, pointer(raw.from ?? ""));
        doc = setAt(doc, pointer(raw.path), value, "add");
        break;
      }
      case "copy":
        doc = setAt(doc, pointer(raw.path), structuredClone(getAt(doc, pointer(raw.from ?? ""))), "add");
        break;
      case "test":
        if (JSON.stringify(getAt(doc, pointer(raw.path))) !== JSON.stringify(raw.value)) {
          throw new PatchError(`the server rejected our request due to an error in our request: testing value ${raw.path} failed`);
        }
        break;
      default:
        throw new PatchError(`Unexpected kind: ${String((raw as { op?: unknown }).op)}`, 400);
    }
  }
  return doc;
}

function pointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw new PatchError(`invalid JSON pointer ${JSON.stringify(path)}`, 400);
  return path.slice(1).split("/").map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function getAt(doc: Json, parts: string[]): Json {
  let node: Json = doc;
  for (const part of parts) {
    if (Array.isArray(node)) node = node[Number(part)];
    else if (isObject(node)) node = node[part];
    else node = undefined;
    if (node === undefined) throw new PatchError(`the server rejected our request due to an error in our request: missing value at /${parts.join("/")}`);
  }
  return node;
}

function setAt(doc: Json, parts: string[], value: Json, mode: "add" | "replace"): Json {
  if (parts.length === 0) return value;
  const parent = getAt(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) {
    const index = last === "-" ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) throw new PatchError(`index out of range at /${parts.join("/")}`);
    if (mode === "add") parent.splice(index, 0, value);
    else parent[index] = value;
  } else if (isObject(parent)) {
    parent[last] = value;
  } else {
    throw new PatchError(`cannot set a value inside a scalar at /${parts.join("/")}`);
  }
  return doc;
}

function removeAt(doc: Json, parts: string[]): Json {
  const parent = getAt(doc, parts.slice(0, -1));
  const last = parts[parts.length - 1]!;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isObject(parent)) {
    if (!(last in parent)) throw new PatchError(`the server rejected our request due to an error in our request: missing value at /${parts.join("/")}`);
    delete parent[last];
  }
  return doc;
}

/** Merge keys of list fields in the core kinds, by field name (patchMergeKey in k8s.io/api). */
const MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  volumes: "name",
  env: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  imagePullSecrets: "name",
  conditions: "type",
  ownerReferences: "uid",
  hostAliases: "ip",
  topologySpreadConstraints: "topologyKey",
};

/** Service ports merge by `port`, container ports by `containerPort`. */
function mergeKeyFor(field: string, items: Json[]): string | undefined {
  if (field === "ports") {
    const sample = items.find(isObject);
    return sample && "containerPort" in sample ? "containerPort" : "port";
  }
  return MERGE_KEYS[field];
}

export function strategicMergePatch(target: Json, patch: Json, field = ""): Json {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === "replace") {
    const { $patch: _, ...rest } = patch;
    void _;
    return structuredClone(rest);
  }
  if (patch.$patch === "delete") return undefined;
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith("$")) continue;
    if (value === null) {
      delete result[key];
      continue;
    }
    const current = result[key];
    if (Array.isArray(value)) {
      const mergeKey = mergeKeyFor(key, [...value, ...(Array.isArray(current) ? current : [])]);
      result[key] = mergeKey && Array.isArray(current) ? mergeList(current, value, mergeKey, key) : structuredClone(value);
      continue;
    }
    const merged = strategicMergePatch(current, value, key);
    if (merged === undefined) delete result[key];
    else result[key] = merged;
  }
  void field;
  return result;
}

function mergeList(current: Json[], patch: Json[], mergeKey: string, field: string): Json[] {
  const result = current.map((item) => structuredClone(item));
  for (const item of patch) {
    if (!isObject(item)) {
      result.push(structuredClone(item));
      continue;
    }
    const index = result.findIndex((existing) => isObject(existing) && existing[mergeKey] === item[mergeKey]);
    if (item.$patch === "delete") {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index >= 0) result[index] = strategicMergePatch(result[index], item, field);
    else result.push(strategicMergePatch(undefined, item, field));
  }
  return result;
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
