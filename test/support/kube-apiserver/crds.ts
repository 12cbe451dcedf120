import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { knativeServiceResource, type ResourceType } from "./resources";
import type { JsonSchema } from "./schema-validation";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The CRD files of PaddleCloud / ElasticServing, unchanged, in `<shared>/reference/k8s/`. */
export function referenceCrdDir(): string {
  const shared = process.env.OCR_CONSOLE_SHARED_DIR ?? path.resolve(repoRoot, "../shared");
  return path.join(shared, "reference", "k8s");
}

/** Names the tests use to pick which APIs a cluster has installed. */
export const CRD_FILES = {
  paddlejobs: "batch.paddlepaddle.org_paddlejobs.crd.yaml",
  samplesets: "batch.paddlepaddle.org_samplesets.crd.yaml",
  samplejobs: "batch.paddlepaddle.org_samplejobs.crd.yaml",
  "paddleservices.elasticserving": "elasticserving.paddlepaddle.org_paddleservices.crd.yaml",
  "paddleservices.serving": "serving.paddlepaddle.org_paddleservices.crd.yaml",
} as const;

export type InstallableApi = keyof typeof CRD_FILES | "knative-services";

/** Everything a complete PaddleCloud install serves (ElasticServing's PaddleService, as the kfp component uses). */
export const PADDLECLOUD_APIS: InstallableApi[] = ["paddlejobs", "samplesets", "samplejobs", "paddleservices.elasticserving", "knative-services"];

interface CrdDocument {
  spec: {
    group: string;
    scope: "Namespaced" | "Cluster";
    names: { kind: string; plural: string; singular?: string; shortNames?: string[] };
    subresources?: Record<string, unknown>;
    validation?: { openAPIV3Schema?: JsonSchema };
    versions: Array<{ name: string; served?: boolean; schema?: { openAPIV3Schema?: JsonSchema }; subresources?: Record<string, unknown> }>;
  };
}

const cache = new Map<string, ResourceType[]>();

/** Reads one CRD file (apiextensions v1 or v1beta1) into the resource types it serves. */
export function loadCrd(file: string): ResourceType[] {
  const full = path.isAbsolute(file) ? file : path.join(referenceCrdDir(), file);
  const cached = cache.get(full);
  if (cached) return cached;
  const documents = parseAllDocuments(readFileSync(full, "utf8"))
    .map((doc) => doc.toJS() as CrdDocument | null)
    .filter((doc): doc is CrdDocument => doc !== null && typeof doc === "object" && "spec" in doc);
  const types: ResourceType[] = [];
  for (const crd of documents) {
    const { group, names, scope } = crd.spec;
    for (const version of crd.spec.versions) {
      if (version.served === false) continue;
      // v1beta1 CRDs keep one schema and one subresources block for all versions at spec level.
      const schema = version.schema?.openAPIV3Schema ?? crd.spec.validation?.openAPIV3Schema;
      const subresources = Object.keys(version.subresources ?? crd.spec.subresources ?? {});
      types.push({
        group,
        version: version.name,
        resource: names.plural,
        kind: names.kind,
        namespaced: scope === "Namespaced",
        singular: names.singular ?? names.kind.toLowerCase(),
        ...(names.shortNames ? { shortNames: names.shortNames } : {}),
        subresources,
        ...(schema ? { schema } : {}),
      });
    }
  }
  cache.set(full, types);
  return types;
}

export function installableApi(api: InstallableApi): ResourceType[] {
  return api === "knative-services" ? [knativeServiceResource] : loadCrd(CRD_FILES[api]);
}
