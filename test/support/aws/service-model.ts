import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The parts of a botocore service model (service-2.json) the fakes read. */
export interface ServiceModel {
  metadata: {
    apiVersion: string;
    protocol: string;
    jsonVersion?: string;
    targetPrefix?: string;
    signingName?: string;
    endpointPrefix: string;
    serviceId: string;
  };
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}

export interface OperationModel {
  name: string;
  http: { method: string; requestUri: string };
  input?: { shape: string };
  output?: { shape: string };
  errors?: Array<{ shape: string }>;
}

export interface MemberRef {
  shape: string;
  location?: string;
  locationName?: string;
}

export interface Shape {
  type: "structure" | "list" | "map" | "string" | "integer" | "long" | "float" | "double" | "boolean" | "timestamp" | "blob";
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  enum?: string[];
  pattern?: string;
  min?: number;
  max?: number;
  exception?: boolean;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The shared folder beside the repository, or wherever OCR_CONSOLE_SHARED_DIR points. */
export function sharedDir(): string {
  return process.env.OCR_CONSOLE_SHARED_DIR ?? path.resolve(repoRoot, "../shared");
}

const cache = new Map<string, ServiceModel>();

/**
 * Reads a model from `<shared>/reference/aws/` at run time: the fakes accept and refuse exactly what
 * the real models say, and a newer model file changes the fakes without code changes.
 */
export function loadServiceModel(fileName: string): ServiceModel {
  const file = path.join(sharedDir(), "reference", "aws", fileName);
  let model = cache.get(file);
  if (!model) {
    model = JSON.parse(readFileSync(file, "utf8")) as ServiceModel;
    cache.set(file, model);
  }
  return model;
}

export const SAGEMAKER_MODEL = "sagemaker-2017-07-24.json";
