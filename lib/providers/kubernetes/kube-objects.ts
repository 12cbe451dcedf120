import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, type ConfigurationOptions } from "@kubernetes/client-node";
import { ConsoleError } from "@/lib/errors/console-error";
import { explainKubeError, isStatus } from "./kube-errors";
import type { KubeSession } from "./kube-session";
import { qualifiedResource, type KindRef, type Manifest } from "./manifests";

/** Everything the console keeps is namespaced; these are the core kinds it touches. */
type CorePlural = "persistentvolumeclaims" | "pods" | "services" | "events";

interface CoreOps {
  read(api: CoreV1Api, p: { name: string; namespace: string }, o: ConfigurationOptions): Promise<unknown>;
  list(api: CoreV1Api, p: { namespace: string; labelSelector?: string; fieldSelector?: string }, o: ConfigurationOptions): Promise<{ items: unknown[]; metadata?: { resourceVersion?: string } }>;
  create?(api: CoreV1Api, p: { namespace: string; body: never }, o: ConfigurationOptions): Promise<unknown>;
  patch?(api: CoreV1Api, p: { name: string; namespace: string; body: unknown }, o: ConfigurationOptions): Promise<unknown>;
  delete?(api: CoreV1Api, p: { name: string; namespace: string; propagationPolicy?: string }, o: ConfigurationOptions): Promise<unknown>;
}

const CORE: Record<CorePlural, CoreOps> = {
  persistentvolumeclaims: {
    read: (api, p, o) => api.readNamespacedPersistentVolumeClaim(p, o),
    list: (api, p, o) => api.listNamespacedPersistentVolumeClaim(p, o),
    create: (api, p, o) => api.createNamespacedPersistentVolumeClaim(p, o),
    patch: (api, p, o) => api.patchNamespacedPersistentVolumeClaim(p, o),
    delete: (api, p, o) => api.deleteNamespacedPersistentVolumeClaim(p, o),
  },
  pods: {
    read: (api, p, o) => api.readNamespacedPod(p, o),
    list: (api, p, o) => api.listNamespacedPod(p, o),
    delete: (api, p, o) => api.deleteNamespacedPod(p, o),
  },
  services: {
    read: (api, p, o) => api.readNamespacedService(p, o),
    list: (api, p, o) => api.listNamespacedService(p, o),
    create: (api, p, o) => api.createNamespacedService(p, o),
    patch: (api, p, o) => api.patchNamespacedService(p, o),
    delete: (api, p, o) => api.deleteNamespacedService(p, o),
  },
  events: {
    read: (api, p, o) => api.readNamespacedEvent(p, o),
    list: (api, p, o) => api.listNamespacedEvent(p, o),
  },
};

/**
 * Reads and writes the console's objects in one namespace through @kubernetes/client-node: the core
 * kinds with CoreV1Api, everything under /apis (PaddleCloud CRDs, apps, batch, Knative) with
 * CustomObjectsApi. Answers are plain JSON (the typed models' Dates become strings again), and every
 * failure is worded for the user with the verb and resource (see kube-errors.ts).
 */
export class KubeObjects {
  constructor(
    readonly session: KubeSession,
    readonly namespace: string = session.namespace,
  ) {}

  private core(kind: KindRef): CoreOps | null {
    return kind.group === "" ? (CORE[kind.plural as CorePlural] ?? null) : null;
  }

  private async run<T>(kind: KindRef, verb: string, name: string | undefined, work: (o: ConfigurationOptions) => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      return await this.session.call(work, signal);
    } catch (error) {
      throw Object.assign(explainKubeError(error, { verb, resource: qualifiedResource(kind), namespace: this.namespace, name }), { kube: error });
    }
  }

  /** The object, or null when it does not exist. */
  async get(kind: KindRef, name: string, signal?: AbortSignal): Promise<Manifest | null> {
    try {
      const core = this.core(kind);
      const found = await this.session.call(
        (o) =>
          core
            ? core.read(this.session.api(CoreV1Api), { name, namespace: this.namespace }, o)
            : this.session.api(CustomObjectsApi).getNamespacedCustomObject({ group: kind.group, version: kind.version, namespace: this.namespace, plural: kind.plural, name }, o),
        signal,
      );
      return plain(found);
    } catch (error) {
      if (isStatus(error, 404)) return null;
      throw Object.assign(explainKubeError(error, { verb: "get", resource: qualifiedResource(kind), namespace: this.namespace, name }), { kube: error });
    }
  }

  async list(kind: KindRef, selectors: { labelSelector?: string; fieldSelector?: string } = {}, signal?: AbortSignal): Promise<{ items: Manifest[]; resourceVersion: string }> {
    const core = this.core(kind);
    const answer = await this.run(
      kind,
      "list",
      undefined,
      (o) =>
        core
          ? core.list(this.session.api(CoreV1Api), { namespace: this.namespace, ...selectors }, o)
          : (this.session.api(CustomObjectsApi).listNamespacedCustomObject(
              { group: kind.group, version: kind.version, namespace: this.namespace, plural: kind.plural, ...selectors },
              o,
            ) as Promise<{ items: unknown[]; metadata?: { resourceVersion?: string } }>),
      signal,
    );
    const list = plain<{ items: Manifest[]; metadata?: { resourceVersion?: string } }>(answer);
    return { items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? "" };
  }

  async create(kind: KindRef, manifest: Manifest, signal?: AbortSignal): Promise<Manifest> {
    const core = this.core(kind);
    const body = { ...manifest, metadata: { ...manifest.metadata, namespace: this.namespace } };
    return plain(
      await this.run(
        kind,
        "create",
        manifest.metadata.name,
        (o) =>
          core?.create
            ? core.create(this.session.api(CoreV1Api), { namespace: this.namespace, body: body as never }, o)
            : this.session.api(CustomObjectsApi).createNamespacedCustomObject({ group: kind.group, version: kind.version, namespace: this.namespace, plural: kind.plural, body }, o),
        signal,
      ),
    );
  }

  /** A JSON merge patch; include `metadata.resourceVersion` to make it conditional (409 when stale). */
  async mergePatch(kind: KindRef, name: string, patch: Record<string, unknown>, signal?: AbortSignal): Promise<Manifest> {
    const core = this.core(kind);
    return plain(
      await this.run(
        kind,
        "patch",
        name,
        (o) => {
          const options = setHeaderOptions("Content-Type", PatchStrategy.MergePatch, o);
          return core?.patch
            ? core.patch(this.session.api(CoreV1Api), { name, namespace: this.namespace, body: patch }, options)
            : this.session.api(CustomObjectsApi).patchNamespacedCustomObject(
                { group: kind.group, version: kind.version, namespace: this.namespace, plural: kind.plural, name, body: patch },
                options,
              );
        },
        signal,
      ),
    );
  }

  /** Deletes with background propagation (dependents go too); false when it was already gone. */
  async delete(kind: KindRef, name: string, signal?: AbortSignal): Promise<boolean> {
    const core = this.core(kind);
    try {
      await this.session.call(
        (o) =>
          core?.delete
            ? core.delete(this.session.api(CoreV1Api), { name, namespace: this.namespace, propagationPolicy: "Background" }, o)
            : this.session.api(CustomObjectsApi).deleteNamespacedCustomObject(
                { group: kind.group, version: kind.version, namespace: this.namespace, plural: kind.plural, name, propagationPolicy: "Background" },
                o,
              ),
        signal,
      );
      return true;
    } catch (error) {
      if (isStatus(error, 404)) return false;
      throw Object.assign(explainKubeError(error, { verb: "delete", resource: qualifiedResource(kind), namespace: this.namespace, name }), { kube: error });
    }
  }

  /**
   * Create-or-adopt: creates the object; if one of that name exists (409 AlreadyExists, e.g. after a
   * console restart mid-launch), reads it fresh and adopts it when `owns` says it is ours.
   */
  async ensure(kind: KindRef, manifest: Manifest, owns: (existing: Manifest) => boolean, signal?: AbortSignal): Promise<{ object: Manifest; created: boolean }> {
    try {
      return { object: await this.create(kind, manifest, signal), created: true };
    } catch (error) {
      if (!isStatus((error as { kube?: unknown }).kube, 409)) throw error;
    }
    const existing = await this.get(kind, manifest.metadata.name, signal);
    if (!existing) return { object: await this.create(kind, manifest, signal), created: true }; // deleted in between
    if (!owns(existing)) {
      throw new ConsoleError("conflict", `A ${kind.kind} named "${manifest.metadata.name}" already exists in namespace ${this.namespace} and was not made for this; delete or rename it.`);
    }
    return { object: existing, created: false };
  }

  /**
   * Read-modify-write with the object's resourceVersion as precondition: a 409 Conflict (someone,
   * e.g. the operator, wrote in between) means read fresh and apply the change again.
   */
  async update(kind: KindRef, name: string, change: (current: Manifest) => Record<string, unknown> | null, signal?: AbortSignal, attempts = 5): Promise<Manifest | null> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.get(kind, name, signal);
      if (!current) return null;
      const patch = change(current);
      if (!patch) return current;
      const metadata = { ...((patch.metadata as Record<string, unknown> | undefined) ?? {}), resourceVersion: current.metadata.resourceVersion };
      try {
        return await this.mergePatch(kind, name, { ...patch, metadata }, signal);
      } catch (error) {
        if (!isStatus((error as { kube?: unknown }).kube, 409) || attempt >= attempts) throw error;
      }
    }
  }
}

/** JSON as the server sent it: the typed models' Date fields back to strings, undefined keys dropped. */
export function plain<T = Manifest>(value: unknown): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}
