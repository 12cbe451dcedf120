import { DEPLOYMENT_TYPES, INVOCATION_MODES, RESPONSE_FORMATS } from "@/lib/providers/sagemaker/endpoint-options";

// The serving settings a person edits on the deploy form and the endpoint's Settings panel, by
// target kind. Each field is a dotted path into the endpoint's `config` (what the target kind's
// schema reads); the form's input names are `config.<path>`, so the server's field errors
// (`config.autoscaling.metric`) land beside the right input. Settings without a field here
// (environment, a custom response mapping …) are kept as they are; the REST API sets those.
// Labels avoid the words "Image", "Name" and "Target": the pages around them already use those
// labels (the playground's image input, the deploy form's name and target).

export type ServingFieldSpec =
  | { path: string; label: string; type: "text" | "int" | "number"; placeholder?: string; hint?: string }
  | { path: string; label: string; type: "select"; options: readonly string[]; emptyLabel?: string; hint?: string }
  | { path: string; label: string; type: "list"; placeholder?: string; hint?: string }
  | { path: string; label: string; type: "textarea"; placeholder?: string; hint?: string }
  /** Whether an optional settings group is there at all (SageMaker auto scaling); unchecked removes it. */
  | { path: string; label: string; type: "toggle"; hint?: string };

export interface ServingFieldGroup {
  title: string;
  fields: ServingFieldSpec[];
}

export const SERVING_FIELDS: Record<string, ServingFieldGroup[]> = {
  kubernetes: [
    {
      title: "PaddleServing container",
      fields: [
        { path: "image", label: "Serving container (repository:tag)", type: "text", placeholder: "registry.baidubce.com/paddleflow-public/serving:v0.6.2" },
        { path: "resources.cpu", label: "CPU request", type: "text", placeholder: "2" },
        { path: "resources.memory", label: "Memory request", type: "text", placeholder: "4Gi" },
        { path: "resources.gpus", label: "GPUs", type: "int", placeholder: "0" },
      ],
    },
    {
      title: "Knative autoscaling",
      fields: [
        { path: "autoscaling.minScale", label: "Min scale", type: "int", placeholder: "1", hint: "0 scales to zero when idle" },
        { path: "autoscaling.maxScale", label: "Max scale", type: "int", placeholder: "no limit" },
        { path: "autoscaling.metric", label: "Metric", type: "select", options: ["concurrency", "rps", "cpu"], emptyLabel: "Knative default (concurrency)" },
        { path: "autoscaling.target", label: "Metric value per pod", type: "int", placeholder: "100", hint: "Knative adds pods above it" },
        { path: "autoscaling.window", label: "Stable window", type: "text", placeholder: "60s" },
      ],
    },
  ],
  sagemaker: [
    {
      title: "Fleet",
      fields: [
        { path: "image", label: "Serving container (ECR URI)", type: "text", placeholder: "the target's default" },
        { path: "primary.instanceType", label: "Primary instance type", type: "text", placeholder: "ml.m5.xlarge" },
        { path: "primary.instanceCount", label: "Primary instance count", type: "int", placeholder: "1" },
        { path: "canary.instanceType", label: "Canary instance type", type: "text", placeholder: "ml.m5.xlarge" },
        { path: "canary.instanceCount", label: "Canary instance count", type: "int", placeholder: "1" },
      ],
    },
    {
      title: "Auto scaling",
      fields: [
        { path: "autoscaling", label: "Scale each variant on invocations per instance", type: "toggle" },
        { path: "autoscaling.minInstances", label: "Min instances", type: "int", placeholder: "1" },
        { path: "autoscaling.maxInstances", label: "Max instances", type: "int", placeholder: "4" },
        { path: "autoscaling.targetInvocationsPerInstance", label: "Invocations per instance per minute", type: "number", placeholder: "100", hint: "The value auto scaling keeps each instance at" },
      ],
    },
    {
      title: "Updates (blue/green)",
      fields: [
        { path: "deployment.type", label: "Deployment policy", type: "select", options: DEPLOYMENT_TYPES },
        { path: "deployment.canaryPercent", label: "Canary size (% of capacity)", type: "int", placeholder: "10" },
        { path: "deployment.linearStepPercent", label: "Linear step (% of capacity)", type: "int", placeholder: "25" },
        { path: "deployment.waitSeconds", label: "Wait between steps (s)", type: "int", placeholder: "300" },
        { path: "deployment.terminationWaitSeconds", label: "Wait before the old fleet goes (s)", type: "int", placeholder: "0" },
        { path: "deployment.rollbackAlarms", label: "Auto-rollback alarms", type: "list", placeholder: "invoices-5xx, invoices-latency", hint: "CloudWatch alarm names, comma-separated" },
      ],
    },
    {
      title: "Request and response",
      fields: [
        { path: "invocation.mode", label: "Invoke mode", type: "select", options: INVOCATION_MODES },
        { path: "invocation.response", label: "Response format", type: "select", options: RESPONSE_FORMATS },
        {
          path: "invocation.requestTemplate",
          label: "Request template (JSON)",
          type: "textarea",
          placeholder: '{"bucket": "{{bucket}}", "image_uri": "{{key}}"}',
          hint: "Optional: placeholders {{bucket}}, {{key}}, {{s3uri}}, {{base64}}, {{contentType}}, {{params}}",
        },
      ],
    },
  ],
};

export function hasServingFields(kind: string | undefined): boolean {
  return Boolean(kind && SERVING_FIELDS[kind]);
}

export function valueAt(config: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), config);
}

function setAt(config: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = config;
  for (const key of keys.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== "object") {
      if (value === undefined) return; // nothing there to remove
      node[key] = {};
    }
    node = node[key] as Record<string, unknown>;
  }
  if (value === undefined) delete node[keys.at(-1)!];
  else node[keys.at(-1)!] = value;
}

/** What a field's input shows for the current settings. */
export function inputValue(config: Record<string, unknown>, field: ServingFieldSpec): string {
  const value = valueAt(config, field.path);
  if (value === undefined || value === null) return "";
  if (field.type === "list" && Array.isArray(value)) return value.join(", ");
  return typeof value === "object" ? "" : String(value);
}

function fieldValue(field: ServingFieldSpec, raw: string): unknown {
  const text = raw.trim();
  if (text === "") return undefined;
  switch (field.type) {
    case "int":
    case "number":
      // A non-number goes as typed so the server names the field's problem.
      return Number.isFinite(Number(text)) ? Number(text) : text;
    case "list":
      return text
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean);
    default:
      return text;
  }
}

/**
 * The settings a form describes: the current ones (kept for what the form has no field for), with
 * each field of the kind set from its input, or removed when left empty. Undefined when the form
 * has no serving fields (the local target).
 */
export function servingConfigFromForm(form: FormData, kind: string | undefined, current: Record<string, unknown> = {}): Record<string, unknown> | undefined {
  const groups = kind ? SERVING_FIELDS[kind] : undefined;
  if (!groups) return undefined;
  const config = structuredClone(current);
  const fields = groups.flatMap((group) => group.fields);
  for (const field of fields) {
    if (field.type === "toggle") continue;
    const raw = form.get(`config.${field.path}`);
    setAt(config, field.path, fieldValue(field, typeof raw === "string" ? raw : ""));
  }
  for (const field of fields) {
    if (field.type !== "toggle") continue;
    if (form.get(`config.${field.path}`) === "on") {
      if (!valueAt(config, field.path)) setAt(config, field.path, {});
    } else {
      setAt(config, field.path, undefined);
    }
  }
  return config;
}
