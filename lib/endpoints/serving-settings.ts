import type { z } from "zod";
import { ConsoleError, type FieldErrors } from "@/lib/errors/console-error";
import { kubernetesEndpointConfigSchema } from "@/lib/providers/kubernetes/paddle-service";
import { sagemakerEndpointConfigSchema } from "@/lib/providers/sagemaker/endpoint-options";
import type { TargetKind } from "@/lib/providers/types";

// An endpoint's serving settings (EndpointDeployment.config) are the target kind's business: each
// container backend owns the schema of what it can honour. The domain checks them with that schema
// before recording anything, and keeps the parsed result (defaults filled in) so the settings panel
// shows what is really in effect and a restart deploys exactly the same thing.

const SCHEMAS: Partial<Record<TargetKind, z.ZodType<Record<string, unknown>>>> = {
  kubernetes: kubernetesEndpointConfigSchema,
  sagemaker: sagemakerEndpointConfigSchema,
};

/** The settings as the target kind's schema reads them; field errors are named `config.<path>`. */
export function parseServingSettings(kind: string, raw: Record<string, unknown> | undefined): Record<string, unknown> {
  const schema = SCHEMAS[kind as TargetKind];
  if (!schema) {
    if (raw && Object.keys(raw).length > 0) {
      throw new ConsoleError("bad_request", `The ${kind} target has no serving settings; send PaddleOCR parameters as params.`, {
        config: [`Not used on ${kind} targets`],
      });
    }
    return {};
  }
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) (fieldErrors[["config", ...issue.path.map(String)].join(".")] ??= []).push(issue.message);
  const summary = parsed.error.issues.map((issue) => `${issue.path.join(".") || "config"}: ${issue.message}`).join("; ");
  throw new ConsoleError("bad_request", `Invalid serving settings for a ${kind} target — ${summary}`, fieldErrors);
}

/** The endpoint's stored settings: Endpoint.config holds `{ params, serving }`. */
export function storedServingSettings(config: unknown): Record<string, unknown> {
  return ((config as { serving?: Record<string, unknown> } | null)?.serving ?? {}) as Record<string, unknown>;
}

export function storedParams(config: unknown): Record<string, unknown> {
  return ((config as { params?: Record<string, unknown> } | null)?.params ?? {}) as Record<string, unknown>;
}
