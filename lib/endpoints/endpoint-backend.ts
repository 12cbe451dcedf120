import type { Target } from "@/lib/generated/prisma/client";
import { ConsoleError } from "@/lib/errors/console-error";
import { providerFor } from "@/lib/providers";
import type { EndpointBackend } from "@/lib/providers/types";
import { resolveTarget } from "@/lib/targets/resolve-target";

/** The serving side of a target's provider, or a clear refusal where the console cannot serve yet. */
export function endpointBackendFor(target: Target): EndpointBackend {
  const backend = providerFor(resolveTarget(target)).endpoints;
  if (!backend) throw new ConsoleError("conflict", `Serving on ${target.kind} targets is not available yet; deploy to the local target.`);
  return backend;
}
