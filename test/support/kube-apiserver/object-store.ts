import { randomUUID } from "node:crypto";

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** Identifies a collection: one resource type, optionally narrowed to a namespace. */
export interface CollectionRef {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
}

export interface ObjectRef extends CollectionRef {
  name: string;
}

/**
 * Objects keyed by group/version/resource/namespace/name, with a cluster-wide resourceVersion
 * counter like etcd's revision. Copies go in and out so callers cannot mutate stored state behind
 * the server's back (a real client only ever sees serialized snapshots).
 */
export class ObjectStore {
  private readonly objects = new Map<string, KubeObject>();
  private revision = 0;

  get resourceVersion(): string {
    return String(this.revision);
  }

  get(ref: ObjectRef): KubeObject | undefined {
    const found = this.objects.get(objectKey(ref));
    return found ? structuredClone(found) : undefined;
  }

  list(ref: CollectionRef): KubeObject[] {
    const prefix = collectionPrefix(ref);
    return [...this.objects.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .map(([, object]) => structuredClone(object))
      .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  }

  /** Stores a new object, filling in what the server owns (uid, resourceVersion, creationTimestamp). */
  create(ref: CollectionRef, object: KubeObject): KubeObject {
    const key = objectKey({ ...ref, name: object.metadata.name });
    if (this.objects.has(key)) throw new Error(`${ref.resource} "${object.metadata.name}" already exists`);
    const stored: KubeObject = structuredClone(object);
    stored.metadata = {
      ...stored.metadata,
      ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}),
      uid: randomUUID(),
      resourceVersion: this.nextRevision(),
      creationTimestamp: stored.metadata.creationTimestamp ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
    this.objects.set(key, stored);
    return structuredClone(stored);
  }

  /** Replaces an existing object, keeping its identity and bumping its resourceVersion. */
  update(ref: ObjectRef, object: KubeObject): KubeObject {
    const key = objectKey(ref);
    const current = this.objects.get(key);
    if (!current) throw new Error(`${ref.resource} "${ref.name}" not found`);
    const stored: KubeObject = structuredClone(object);
    stored.metadata = {
      ...stored.metadata,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      resourceVersion: this.nextRevision(),
    };
    this.objects.set(key, stored);
    return structuredClone(stored);
  }

  delete(ref: ObjectRef): KubeObject | undefined {
    const key = objectKey(ref);
    const current = this.objects.get(key);
    if (!current) return undefined;
    this.objects.delete(key);
    this.nextRevision();
    return structuredClone(current);
  }

  private nextRevision(): string {
    this.revision += 1;
    return String(this.revision);
  }
}

function collectionPrefix(ref: CollectionRef): string {
  const base = `${ref.group}/${ref.version}/${ref.resource}/`;
  return ref.namespace !== undefined ? `${base}${ref.namespace}/` : base;
}

function objectKey(ref: ObjectRef): string {
  return `${ref.group}/${ref.version}/${ref.resource}/${ref.namespace ?? ""}/${ref.name}`;
}

function sortKey(object: KubeObject): string {
  return `${object.metadata.namespace ?? ""}/${object.metadata.name}`;
}
