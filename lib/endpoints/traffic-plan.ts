import type { ModelVersion } from "@/lib/generated/prisma/client";
import { ConsoleError } from "@/lib/errors/console-error";
import type { PlannedVariant } from "./endpoint-deployment";
import { canaryOf, primaryOf, type EndpointRow } from "./endpoint-view";

// The traffic steps of a canary release as pure changes of the endpoint's variants: each takes what
// the endpoint serves now and answers what it should serve next, or says why that step cannot be
// taken. Applying a plan (backend first, then the database) is apply-traffic-plan.ts's job.

const label = (version: Pick<ModelVersion, "modelName" | "version">) => `${version.modelName}:${version.version}`;

/** What the endpoint serves now: its primary and, during a release, its canary. */
export function currentPlan(endpoint: EndpointRow): PlannedVariant[] {
  const primary = primaryOf(endpoint);
  const canary = canaryOf(endpoint);
  return [primary, canary]
    .filter((d) => d !== undefined)
    .map((d) => ({ deploymentId: d.id, role: d === primary ? "primary" : "canary", modelVersion: d.modelVersion, trafficPercent: d.trafficPercent }));
}

function split(plan: PlannedVariant[]): { primary: PlannedVariant; canary: PlannedVariant | undefined } {
  const primary = plan.find((v) => v.role === "primary");
  if (!primary) throw new ConsoleError("conflict", "The endpoint has no primary model version.");
  return { primary, canary: plan.find((v) => v.role === "canary") };
}

function requireCanary(endpointName: string, plan: PlannedVariant[]): { primary: PlannedVariant; canary: PlannedVariant } {
  const { primary, canary } = split(plan);
  if (!canary) throw new ConsoleError("conflict", `Endpoint "${endpointName}" has no canary; deploy a canary version first.`);
  return { primary, canary };
}

/** A second version beside the primary, taking `percent` of the traffic. */
export function planWithCanary(endpointName: string, plan: PlannedVariant[], version: ModelVersion, percent: number): PlannedVariant[] {
  const { primary, canary } = split(plan);
  if (canary) {
    throw new ConsoleError(
      "conflict",
      `Endpoint "${endpointName}" already has canary ${label(canary.modelVersion)} at ${canary.trafficPercent}%; promote it or roll it back before deploying another.`,
    );
  }
  if (primary.modelVersion.id === version.id) {
    throw new ConsoleError("conflict", `${label(version)} is already the primary version of "${endpointName}"; pick another version as the canary.`, {
      model: ["Already the primary version"],
    });
  }
  return [
    { ...primary, trafficPercent: 100 - percent },
    { deploymentId: null, role: "canary", modelVersion: version, trafficPercent: percent },
  ];
}

/** The canary takes `percent`, the primary the rest. */
export function planShifted(endpointName: string, plan: PlannedVariant[], percent: number): PlannedVariant[] {
  const { primary, canary } = requireCanary(endpointName, plan);
  return [
    { ...primary, trafficPercent: 100 - percent },
    { ...canary, trafficPercent: percent },
  ];
}

/** The canary becomes the primary with all traffic; the old primary is retired. */
export function planPromoted(endpointName: string, plan: PlannedVariant[]): PlannedVariant[] {
  const { canary } = requireCanary(endpointName, plan);
  return [{ ...canary, role: "primary", trafficPercent: 100 }];
}

/** The canary is retired; the primary takes all traffic again. */
export function planRolledBack(endpointName: string, plan: PlannedVariant[]): PlannedVariant[] {
  const { primary } = requireCanary(endpointName, plan);
  return [{ ...primary, trafficPercent: 100 }];
}

/** Refuses a promote or roll back aimed at a canary that is no longer the one the caller saw. */
export function checkCanaryIs(endpointName: string, plan: PlannedVariant[], expected: { name: string; version: string } | undefined): void {
  if (!expected) return;
  const { canary } = requireCanary(endpointName, plan);
  if (canary.modelVersion.modelName !== expected.name || canary.modelVersion.version !== expected.version) {
    throw new ConsoleError(
      "conflict",
      `The canary of "${endpointName}" is now ${label(canary.modelVersion)}, not ${expected.name}:${expected.version}; reload and decide again.`,
    );
  }
}

/** Who serves what, for audit details and messages: `{ "det:3": 90, "det:4": 10 }`. */
export function describePlan(plan: PlannedVariant[]): Record<string, number> {
  return Object.fromEntries(plan.map((v) => [label(v.modelVersion), v.trafficPercent]));
}
