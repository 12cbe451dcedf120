import { describe, expect, it } from "vitest";
import { kubernetesEndpointConfigSchema } from "@/lib/providers/kubernetes/paddle-service";
import { sagemakerEndpointConfigSchema } from "@/lib/providers/sagemaker/endpoint-options";
import { inputValue, SERVING_FIELDS, servingConfigFromForm } from "./serving-config-form";

// The Settings panel and the deploy form read serving settings from their inputs into the shape
// each target kind's schema takes.

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.set(key, value);
  return data;
};

describe("serving settings from a form", () => {
  it("builds Kubernetes settings the PaddleService schema accepts, leaving empty fields out", () => {
    const config = servingConfigFromForm(
      form({ "config.image": "registry/serving:v1", "config.resources.cpu": "2", "config.autoscaling.minScale": "0", "config.autoscaling.maxScale": "4", "config.autoscaling.metric": "rps", "config.autoscaling.window": "" }),
      "kubernetes",
    );
    expect(config).toEqual({ image: "registry/serving:v1", resources: { cpu: "2" }, autoscaling: { minScale: 0, maxScale: 4, metric: "rps" } });
    expect(kubernetesEndpointConfigSchema.safeParse(config).success).toBe(true);
  });

  it("keeps SageMaker settings the form has no field for, and turns auto scaling off when unchecked", () => {
    const current = { environment: { MODEL_HOME: "/opt/ml/model" }, autoscaling: { minInstances: 1, maxInstances: 4 }, deployment: { type: "CANARY", rollbackAlarms: ["a"] } };
    const off = servingConfigFromForm(form({ "config.deployment.type": "LINEAR", "config.deployment.rollbackAlarms": "5xx, latency ,", "config.primary.instanceCount": "3" }), "sagemaker", current);
    expect(off).toEqual({ environment: { MODEL_HOME: "/opt/ml/model" }, deployment: { type: "LINEAR", rollbackAlarms: ["5xx", "latency"] }, primary: { instanceCount: 3 } });
    expect(sagemakerEndpointConfigSchema.safeParse(off).success).toBe(true);
    const on = servingConfigFromForm(form({ "config.autoscaling": "on", "config.autoscaling.maxInstances": "8" }), "sagemaker", current);
    expect(on?.autoscaling).toEqual({ maxInstances: 8 });
    expect(current.autoscaling).toEqual({ minInstances: 1, maxInstances: 4 }); // not changed in place
  });

  it("has no settings for the local target, and shows lists as text", () => {
    expect(servingConfigFromForm(form({}), "local")).toBeUndefined();
    const alarms = SERVING_FIELDS.sagemaker!.flatMap((g) => g.fields).find((f) => f.path === "deployment.rollbackAlarms")!;
    expect(inputValue({ deployment: { rollbackAlarms: ["a", "b"] } }, alarms)).toBe("a, b");
  });
});
