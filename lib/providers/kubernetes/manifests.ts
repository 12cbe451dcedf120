/** The shape every manifest the console writes has; kinds add their own fields. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    uid?: string;
    generation?: number;
    creationTimestamp?: string;
    ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }>;
  };
  spec?: unknown;
  status?: unknown;
  [key: string]: unknown;
}

/** Where a kind lives in the API: `/apis/<group>/<version>/namespaces/<ns>/<plural>`. */
export interface KindRef {
  group: string;
  version: string;
  plural: string;
  kind: string;
}

export const KINDS = {
  pvc: { group: "", version: "v1", plural: "persistentvolumeclaims", kind: "PersistentVolumeClaim" },
  pod: { group: "", version: "v1", plural: "pods", kind: "Pod" },
  service: { group: "", version: "v1", plural: "services", kind: "Service" },
  event: { group: "", version: "v1", plural: "events", kind: "Event" },
  deployment: { group: "apps", version: "v1", plural: "deployments", kind: "Deployment" },
  job: { group: "batch", version: "v1", plural: "jobs", kind: "Job" },
  paddleJob: { group: "batch.paddlepaddle.org", version: "v1", plural: "paddlejobs", kind: "PaddleJob" },
  sampleSet: { group: "batch.paddlepaddle.org", version: "v1alpha1", plural: "samplesets", kind: "SampleSet" },
  sampleJob: { group: "batch.paddlepaddle.org", version: "v1alpha1", plural: "samplejobs", kind: "SampleJob" },
  knativeService: { group: "serving.knative.dev", version: "v1", plural: "services", kind: "Service" },
} as const satisfies Record<string, KindRef>;

/** The two groups a PaddleService may come from: ElasticServing's (the kfp component's) or PaddleCloud's own. */
export const PADDLE_SERVICE_GROUPS = ["elasticserving.paddlepaddle.org", "serving.paddlepaddle.org"] as const;
export type PaddleServiceGroup = (typeof PADDLE_SERVICE_GROUPS)[number];

export function paddleServiceKind(group: PaddleServiceGroup): KindRef {
  return { group, version: "v1", plural: "paddleservices", kind: "PaddleService" };
}

export function apiVersionOf(kind: KindRef): string {
  return kind.group === "" ? kind.version : `${kind.group}/${kind.version}`;
}

/** The REST path of a collection (or of one object, with a name; `name:port` stays readable for proxy paths). */
export function resourcePath(kind: KindRef, namespace: string, name?: string): string {
  const base = kind.group === "" ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`;
  return `${base}/namespaces/${encodeURIComponent(namespace)}/${kind.plural}${name !== undefined ? `/${encodeURIComponent(name).replace(/%3A/gi, ":")}` : ""}`;
}

/** `paddlejobs.batch.paddlepaddle.org`, as RBAC and the server's messages name a resource. */
export function qualifiedResource(kind: KindRef): string {
  return kind.group === "" ? kind.plural : `${kind.plural}.${kind.group}`;
}

/** Shell word: left bare when it is safe, single-quoted otherwise (PaddleOCR `-o` values with brackets, quotes, spaces). */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'"'"'`)}'`;
}
