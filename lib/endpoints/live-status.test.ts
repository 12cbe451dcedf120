import { describe, expect, it } from "vitest";
import { liveStatusOf, withoutCredentials } from "./live-status";

// What the endpoint page shows of a backend's own status, in one shape for Knative and SageMaker.

describe("the live status of an endpoint", () => {
  it("is null for a target that reports nothing beyond its state (local)", () => {
    expect(liveStatusOf({ state: "ready", reason: null, restarts: 0 })).toBeNull();
  });

  it("reads Knative's traffic split by tag, and its conditions as the phase", () => {
    const live = liveStatusOf({
      state: "starting",
      reason: null,
      restarts: 0,
      url: "http://receipts.kubeflow.example.com",
      traffic: [
        { revisionName: "receipts-default-1a2b3", percent: 90, tag: "default" },
        { revisionName: "receipts-canary-4c5d6", percent: 10, tag: "canary" },
      ],
      conditions: [
        { type: "ConfigurationsReady", status: "True" },
        { type: "RoutesReady", status: "Unknown", reason: "RevisionMissing" },
      ],
    } as never);
    expect(live).toEqual({
      phase: "RoutesReady pending (RevisionMissing)",
      url: "http://receipts.kubeflow.example.com",
      variants: [
        { name: "receipts-default-1a2b3", role: "primary", weight: 90, desiredWeight: null, instances: null, desiredInstances: null, statuses: [], pending: false },
        { name: "receipts-canary-4c5d6", role: "canary", weight: 10, desiredWeight: null, instances: null, desiredInstances: null, statuses: [], pending: false },
      ],
    });
  });

  it("reads SageMaker's variants with weights and instance counts, and the new fleet of an update", () => {
    const variant = (name: string, weight: number) => ({ name, currentWeight: weight, desiredWeight: weight, currentInstanceCount: 2, desiredInstanceCount: 2, statuses: [] });
    const live = liveStatusOf({
      state: "ready",
      reason: "Updating",
      restarts: 0,
      phase: "Updating",
      variants: [variant("primary", 90), variant("canary", 10)],
      pending: { configName: "x", variants: [{ ...variant("primary", 10), statuses: ["ActivatingTraffic"] }] },
    } as never);
    expect(live?.phase).toBe("Updating");
    expect(live?.url).toBeNull();
    expect(live?.variants.map((v) => [v.role, v.weight, v.instances, v.pending, v.statuses.join()])).toEqual([
      ["primary", 90, 2, false, ""],
      ["canary", 10, 2, false, ""],
      ["primary", 10, 2, true, "ActivatingTraffic"],
    ]);
  });

  it("never shows credentials or a signed query string in the URL", () => {
    expect(withoutCredentials("https://user:secret@serving.example.com/v1/ocr?X-Amz-Signature=abc#frag")).toBe("https://serving.example.com/v1/ocr");
    expect(withoutCredentials("http://receipts.kubeflow.example.com/")).toBe("http://receipts.kubeflow.example.com");
    expect(withoutCredentials("not a url")).toBeNull();
  });
});
