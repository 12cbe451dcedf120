import type { KubeObject } from "./object-store";
import type { ResourceType } from "./resources";
import type { StatusCause } from "./schema-validation";

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Resources whose names must be DNS-1035 labels (they become DNS names of their own). */
const LABEL_NAMED = new Set(["services", "namespaces"]);

/** The name rules of each kind, worded as apimachinery's validation words them. */
export function validateName(type: ResourceType, name: string): StatusCause[] {
  const field = "metadata.name";
  if (!name) return [{ reason: "FieldValueRequired", message: "Required value: name or generateName is required", field }];
  if (type.resource === "services") {
    if (name.length > 63 || !DNS1035_LABEL.test(name)) {
      return [{ reason: "FieldValueInvalid", message: `Invalid value: "${name}": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`, field }];
    }
    return [];
  }
  if (LABEL_NAMED.has(type.resource)) {
    if (name.length > 63 || !DNS1123_LABEL.test(name)) {
      return [{ reason: "FieldValueInvalid", message: `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`, field }];
    }
    return [];
  }
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    return [{ reason: "FieldValueInvalid", message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`, field }];
  }
  // Label values derived from these names are limited to 63 characters (batch.kubernetes.io/job-name).
  if (type.resource === "jobs" && name.length > 63) {
    return [{ reason: "FieldValueInvalid", message: `Invalid value: "${name}": must be no more than 63 characters`, field }];
  }
  return [];
}

/** The few built-in rules the console could break: containers with names and images, PVC sizes, selectors. */
export function validateBuiltin(type: ResourceType, object: KubeObject): StatusCause[] {
  const spec = (object.spec ?? {}) as Record<string, unknown>;
  const causes: StatusCause[] = [];
  const podSpec = (prefix: string, value: unknown) => {
    const pod = (value ?? {}) as { containers?: Array<{ name?: string; image?: string }>; restartPolicy?: string };
    if (!Array.isArray(pod.containers) || pod.containers.length === 0) {
      causes.push({ reason: "FieldValueRequired", message: "Required value", field: `${prefix}.containers` });
      return;
    }
    pod.containers.forEach((container, i) => {
      if (!container.name) causes.push({ reason: "FieldValueRequired", message: "Required value", field: `${prefix}.containers[${i}].name` });
      else if (!DNS1123_LABEL.test(container.name) || container.name.length > 63) {
        causes.push({ reason: "FieldValueInvalid", message: `Invalid value: "${container.name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'`, field: `${prefix}.containers[${i}].name` });
      }
      if (!container.image) causes.push({ reason: "FieldValueRequired", message: "Required value", field: `${prefix}.containers[${i}].image` });
    });
    if (type.resource === "jobs" && pod.restartPolicy !== "Never" && pod.restartPolicy !== "OnFailure") {
      causes.push({ reason: "FieldValueNotSupported", message: `Unsupported value: "${pod.restartPolicy ?? "Always"}": supported values: "OnFailure", "Never"`, field: `${prefix}.restartPolicy` });
    }
  };
  switch (type.resource) {
    case "pods":
      podSpec("spec", spec);
      break;
    case "deployments": {
      podSpec("spec.template.spec", (spec.template as { spec?: unknown } | undefined)?.spec);
      const selector = (spec.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;
      const labels = (spec.template as { metadata?: { labels?: Record<string, string> } } | undefined)?.metadata?.labels ?? {};
      if (!selector) causes.push({ reason: "FieldValueRequired", message: "Required value", field: "spec.selector" });
      else if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) {
        causes.push({ reason: "FieldValueInvalid", message: "Invalid value: `selector` does not match template `labels`", field: "spec.template.metadata.labels" });
      }
      break;
    }
    case "jobs":
      podSpec("spec.template.spec", (spec.template as { spec?: unknown } | undefined)?.spec);
      break;
    case "persistentvolumeclaims": {
      const storage = (spec.resources as { requests?: { storage?: unknown } } | undefined)?.requests?.storage;
      if (storage === undefined) causes.push({ reason: "FieldValueRequired", message: "Required value", field: "spec.resources[storage]" });
      if (!Array.isArray(spec.accessModes) || spec.accessModes.length === 0) {
        causes.push({ reason: "FieldValueRequired", message: "Required value: at least 1 access mode is required", field: "spec.accessModes" });
      }
      break;
    }
    case "services":
      if (type.group === "" && (!Array.isArray(spec.ports) || spec.ports.length === 0) && spec.type !== "ExternalName") {
        causes.push({ reason: "FieldValueRequired", message: "Required value", field: "spec.ports" });
      }
      break;
  }
  return causes;
}
