import type { Target } from "@/lib/generated/prisma/client";
import { ConsoleError } from "@/lib/errors/console-error";
import type { EndpointBackend } from "@/lib/providers/types";
import { endpointBackendFor } from "./endpoint-backend";
import { TRAFFIC_SPLITTING_KINDS } from "./endpoint-view";

/**
 * The backend of a target that can split an endpoint's traffic between two model versions, or a
 * 422 that says why not: the local target serves one version per endpoint from one process.
 */
export function trafficBackendFor(target: Target): EndpointBackend & Required<Pick<EndpointBackend, "shiftTraffic">> {
  if (!TRAFFIC_SPLITTING_KINDS.includes(target.kind)) {
    throw new ConsoleError(
      "unprocessable",
      `The ${target.kind} target "${target.name}" serves one model version per endpoint and cannot split traffic. Canary releases need a Kubernetes or SageMaker target; here, deploy the other version as its own endpoint and compare them.`,
    );
  }
  const backend = endpointBackendFor(target);
  if (!backend.shiftTraffic) throw new ConsoleError("unprocessable", `Endpoints on ${target.kind} targets cannot split traffic yet.`);
  return backend as EndpointBackend & Required<Pick<EndpointBackend, "shiftTraffic">>;
}
