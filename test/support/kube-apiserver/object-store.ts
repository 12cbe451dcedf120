import { randomUUID } from "node:crypto";

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }>;
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

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

/** One change, as a watch delivers it, with the store revision it happened at. */
export interface StoreEvent {
  type: WatchEventType;
  ref: ObjectRef;
  object: KubeObject;
  revision: number;
}

/** A resourceVersion older than the store still remembers: watches from it answer 410 Gone. */
export class TooOldResourceVersion extends Error {
  constructor(
    readonly requested: number,
    readonly oldest: number,
  ) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}

/** The resourceVersion of an update did not match the stored one: 409 Conflict. */
export class ResourceVersionConflict extends Error {}

/** How many past events a watch can resume from, like etcd's compaction window. */
const HISTORY_LIMIT = 5_000;

/**
 * Objects keyed by group/version/resource/namespace/name, with a cluster-wide resourceVersion
 * counter like etcd's revision. Copies go in and out so callers cannot mutate stored state behind
 * the server's back (a real client only ever sees serialized snapshots). Every change is kept in a
 * bounded history, which watches replay from a resourceVersion.
 */
export class ObjectStore {
  private readonly objects = new Map<string, { ref: ObjectRef; object: KubeObject }>();
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private readonly history: StoreEvent[] = [];
  private revision = 0;
  /** Watches must start after this revision (raised by compact() and by trimming the history). */
  private compactedAt = 0;

  get resourceVersion(): string {
    return String(this.revision);
  }

  get(ref: ObjectRef): KubeObject | undefined {
    const found = this.objects.get(objectKey(ref));
    return found ? structuredClone(found.object) : undefined;
  }

  list(ref: CollectionRef): KubeObject[] {
    const prefix = collectionPrefix(ref);
    return [...this.objects.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .map(([, entry]) => structuredClone(entry.object))
      .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  }

  /** Every stored object with its address, for garbage collection and operators. */
  entries(): Array<{ ref: ObjectRef; object: KubeObject }> {
    return [...this.objects.values()].map((entry) => ({ ref: { ...entry.ref }, object: structuredClone(entry.object) }));
  }

  /** Stores a new object, filling in what the server owns (uid, resourceVersion, creationTimestamp). */
  create(ref: CollectionRef, object: KubeObject): KubeObject {
    const fullRef: ObjectRef = { ...ref, name: object.metadata.name };
    const key = objectKey(fullRef);
    if (this.objects.has(key)) throw new Error(`${ref.resource} "${object.metadata.name}" already exists`);
    const stored: KubeObject = structuredClone(object);
    stored.metadata = {
      ...stored.metadata,
      ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}),
      uid: randomUUID(),
      resourceVersion: this.nextRevision(),
      generation: 1,
      creationTimestamp: stored.metadata.creationTimestamp ?? nowSeconds(),
    };
    this.objects.set(key, { ref: fullRef, object: stored });
    this.emit("ADDED", fullRef, stored);
    return structuredClone(stored);
  }

  /**
   * Replaces an existing object, keeping its identity and bumping its resourceVersion. When the
   * new object carries a resourceVersion it must be the stored one (optimistic concurrency).
   */
  update(ref: ObjectRef, object: KubeObject, { bumpGeneration = false } = {}): KubeObject {
    const key = objectKey(ref);
    const current = this.objects.get(key);
    if (!current) throw new Error(`${ref.resource} "${ref.name}" not found`);
    const expected = object.metadata.resourceVersion;
    if (expected !== undefined && expected !== "" && expected !== current.object.metadata.resourceVersion) {
      throw new ResourceVersionConflict(
        `Operation cannot be fulfilled on ${ref.resource}${ref.group ? `.${ref.group}` : ""} "${ref.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    const stored: KubeObject = structuredClone(object);
    stored.metadata = {
      ...stored.metadata,
      ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}),
      uid: current.object.metadata.uid,
      creationTimestamp: current.object.metadata.creationTimestamp,
      generation: (current.object.metadata.generation ?? 1) + (bumpGeneration ? 1 : 0),
      resourceVersion: this.nextRevision(),
    };
    this.objects.set(key, { ref: current.ref, object: stored });
    this.emit("MODIFIED", current.ref, stored);
    return structuredClone(stored);
  }

  delete(ref: ObjectRef): KubeObject | undefined {
    const key = objectKey(ref);
    const current = this.objects.get(key);
    if (!current) return undefined;
    this.objects.delete(key);
    // The DELETED event carries the object at the revision of its deletion, as etcd reports it.
    const gone = structuredClone(current.object);
    gone.metadata.resourceVersion = this.nextRevision();
    this.emit("DELETED", current.ref, gone);
    return structuredClone(gone);
  }

  /** Changes after `resourceVersion`, oldest first; throws TooOldResourceVersion past the window. */
  eventsSince(resourceVersion: number): StoreEvent[] {
    if (resourceVersion < this.compactedAt) throw new TooOldResourceVersion(resourceVersion, this.compactedAt);
    return this.history.filter((event) => event.revision > resourceVersion).map((event) => structuredClone(event));
  }

  /** Forgets the history, so a watch from any earlier resourceVersion gets 410 Gone (as after etcd compaction). */
  compact(): void {
    this.history.length = 0;
    this.compactedAt = this.revision;
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(type: WatchEventType, ref: ObjectRef, object: KubeObject): void {
    const event: StoreEvent = { type, ref: { ...ref }, object: structuredClone(object), revision: this.revision };
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) {
      const dropped = this.history.splice(0, this.history.length - HISTORY_LIMIT);
      this.compactedAt = dropped[dropped.length - 1]!.revision;
    }
    for (const listener of [...this.listeners]) listener(structuredClone(event));
  }

  private nextRevision(): string {
    this.revision += 1;
    return String(this.revision);
  }
}

export function nowSeconds(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
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
