import type { EndpointRuntime } from "@/lib/providers/types";
import type { LiveStatusView } from "@/lib/schemas/endpoints";

// Each container backend reports more than the shared state, in its own terms: Knative a URL and a
// traffic split between revisions tagged `default` / `canary`, SageMaker its EndpointStatus and
// production variants (named `primary` / `canary`) with weights and instance counts, plus the new
// fleet of a blue/green update. The endpoint page shows one shape for both.

/** The backend's extra detail in one shape, or null when it reports none (the local target). */
export function liveStatusOf(runtime: EndpointRuntime): LiveStatusView | null {
  const extra = runtime as EndpointRuntime & {
    conditions?: Array<{ type: string; status: string; reason?: string }>;
    pending?: { variants?: EndpointRuntime["variants"] } | null;
  };
  if (extra.url === undefined && extra.phase === undefined && extra.traffic === undefined && extra.variants === undefined) return null;
  const variants: LiveStatusView["variants"] = [];
  for (const target of extra.traffic ?? []) {
    variants.push({
      name: target.revisionName,
      role: target.tag === "canary" ? "canary" : target.tag === "default" ? "primary" : null,
      weight: target.percent,
      desiredWeight: null,
      instances: null,
      desiredInstances: null,
      statuses: [],
      pending: false,
    });
  }
  const fleet = (list: EndpointRuntime["variants"], pending: boolean) => {
    for (const variant of list ?? []) {
      variants.push({
        name: variant.name,
        role: variant.name === "primary" || variant.name === "canary" ? variant.name : null,
        weight: variant.currentWeight,
        desiredWeight: variant.desiredWeight,
        instances: variant.currentInstanceCount,
        desiredInstances: variant.desiredInstanceCount,
        statuses: variant.statuses,
        pending,
      });
    }
  };
  fleet(extra.variants, false);
  fleet(extra.pending?.variants, true);
  return { phase: extra.phase ?? knativePhase(extra.conditions), url: withoutCredentials(extra.url ?? null), variants };
}

/** Knative says where a service is by its conditions: `Ready`, or the first one not yet true. */
function knativePhase(conditions: Array<{ type: string; status: string; reason?: string }> | undefined): string | null {
  if (!conditions || conditions.length === 0) return null;
  if (conditions.every((c) => c.status === "True")) return "Ready";
  const waiting = conditions.find((c) => c.status === "False") ?? conditions.find((c) => c.status !== "True")!;
  return `${waiting.type} ${waiting.status === "False" ? "failed" : "pending"}${waiting.reason ? ` (${waiting.reason})` : ""}`;
}

/** A URL safe to show: no user, password or query string (signed URLs carry their secret there). */
export function withoutCredentials(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    parsed.search = "";
    parsed.hash = "";
    return parsed.toString().replace(/\/$/, parsed.pathname === "/" ? "" : "/");
  } catch {
    return null;
  }
}
