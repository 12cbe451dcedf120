import type { EndpointRuntime } from "@/lib/providers/types";
import type { Manifest } from "./manifests";

// The Knative Service ElasticServing makes for a PaddleService (same name): ready when its
// `RoutesReady` and `Ready` conditions are True; `status.url` and `status.traffic[]` say where it
// answers and how requests split between the default and canary revisions.

export interface KnativeCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason?: string;
  message?: string;
}

export interface TrafficTarget {
  revisionName: string;
  percent: number;
  tag?: string;
}

/** What the endpoint page shows beyond the shared runtime: URL, traffic split and conditions. */
export interface KnativeEndpointRuntime extends EndpointRuntime {
  url: string | null;
  traffic: TrafficTarget[];
  conditions: KnativeCondition[];
}

export function knativeRuntime(service: Manifest | null, restarts: number): KnativeEndpointRuntime {
  if (!service) return { state: "starting", reason: "Waiting for the Knative Service to be created", restarts, url: null, traffic: [], conditions: [] };
  const status = (service.status ?? {}) as { conditions?: KnativeCondition[]; url?: string; traffic?: TrafficTarget[] };
  const conditions = status.conditions ?? [];
  const condition = (type: string) => conditions.find((c) => c.type === type);
  const ready = condition("Ready");
  const routes = condition("RoutesReady");
  const traffic = (status.traffic ?? []).map((t) => ({ revisionName: t.revisionName, percent: t.percent ?? 0, ...(t.tag ? { tag: t.tag } : {}) }));
  const base = { restarts, url: status.url ?? null, traffic, conditions };
  if (ready?.status === "True" && routes?.status === "True") return { ...base, state: "ready", reason: null };
  const failed = conditions.find((c) => c.status === "False");
  if (failed) return { ...base, state: "failed", reason: `${failed.type}: ${[failed.reason, failed.message].filter(Boolean).join(" — ") || "False"}` };
  const waiting = conditions.find((c) => c.status !== "True");
  return { ...base, state: "starting", reason: waiting ? `${waiting.type}: ${waiting.reason ?? "Unknown"}` : "Waiting for Knative to report the service ready" };
}

/** A revision picked by its traffic share, as Knative's router would pick one for a request. */
export function pickRevision(traffic: TrafficTarget[], random: number): TrafficTarget | null {
  const live = traffic.filter((t) => t.percent > 0);
  const total = live.reduce((sum, t) => sum + t.percent, 0);
  if (total === 0) return null;
  let point = random * total;
  for (const target of live) {
    point -= target.percent;
    if (point < 0) return target;
  }
  return live[live.length - 1]!;
}
