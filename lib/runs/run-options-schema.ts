import type { z } from "zod";
import { kubernetesRunOptionsSchema } from "@/lib/providers/kubernetes/run-options";
import { localRunOptionsSchema } from "@/lib/providers/local/run-options";
import { sagemakerRunOptionsSchema } from "@/lib/providers/sagemaker/run-options";
import type { TargetKind } from "@/lib/providers/types";

// Each target validates its own `resources` and `targetOptions` (lib/providers/<kind>/run-options.ts);
// the parsed result, with the target's defaults filled in, is what the run records and launches with.
type RunOptions = { resources: Record<string, unknown>; targetOptions: Record<string, unknown> };

const SCHEMAS: Record<TargetKind, z.ZodType<RunOptions>> = {
  local: localRunOptionsSchema as z.ZodType<RunOptions>,
  kubernetes: kubernetesRunOptionsSchema as unknown as z.ZodType<RunOptions>,
  sagemaker: sagemakerRunOptionsSchema as unknown as z.ZodType<RunOptions>,
};

export function runOptionsSchemaFor(kind: TargetKind): z.ZodType<RunOptions> {
  return SCHEMAS[kind];
}
