import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { authenticate, authorize, type RequestAttributes, type TokenAccount } from "./access";
import { installableApi, type InstallableApi } from "./crds";
import { coreVersions, group, groupList, resourceList } from "./discovery";
import { nowSeconds, ObjectStore, ResourceVersionConflict, TooOldResourceVersion, type KubeObject, type ObjectRef, type StoreEvent } from "./object-store";
import { jsonPatch, mergePatch, PatchError, PATCH_TYPES, strategicMergePatch } from "./patch";
import { PodLogs } from "./pod-logs";
import { apiVersionOf, builtinGroupResources, coreResources, parseResourcePath, type ResourceRequest, type ResourceType } from "./resources";
import { validateCustomResource, type StatusCause } from "./schema-validation";
import { parseFieldSelector, parseLabelSelector, SelectorError } from "./selectors";
import {
  alreadyExists,
  badRequest,
  conflict,
  expired,
  forbidden,
  internalError,
  invalid,
  methodNotAllowed,
  notFound,
  pathNotFound,
  serviceUnavailable,
  unauthorized,
  unsupportedMediaType,
  type KubeStatus,
} from "./status";
import { validateBuiltin, validateName } from "./validate-builtin";

export interface KubeApiServerOptions {
  /** What `/version` reports, e.g. "v1.29.3". */
  version?: string;
  /** Accepted bearer tokens; a string value is just the username, with every request allowed. */
  tokens?: Record<string, TokenAccount | string>;
  /** Extra resource types to serve. */
  resources?: ResourceType[];
  /** Custom APIs installed: PaddleCloud CRDs (validated against the reference schemas) and Knative. */
  apis?: InstallableApi[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  user?: string;
  /** The parsed JSON body of writes, for assertions on what the client really sent. */
  body?: unknown;
  contentType?: string;
}

/** Answers one proxied request (`services/<name>:<port>/proxy/…`) as the pod behind it would. */
export type ProxyHandler = (request: Request) => Response | Promise<Response>;

export interface ProxyTarget {
  namespace: string;
  kind: "services" | "pods";
  name: string;
  port: number | string;
}

/** Matches requests a test wants answered with an error once (or `times` times). */
export interface FaultMatch {
  method?: string;
  verb?: RequestAttributes["verb"];
  resource?: string;
  subresource?: string;
  name?: string;
  path?: string | RegExp;
}

/** In-process access to one resource type: what controllers (the simulated operator) do, without HTTP or RBAC. */
export interface ResourceHandle {
  readonly type: ResourceType;
  get(namespace: string | undefined, name: string): KubeObject | undefined;
  list(namespace?: string, labelSelector?: string): KubeObject[];
  create(object: KubeObject): KubeObject;
  /** Replaces the object's spec/metadata (status kept), validated like a client write. */
  update(object: KubeObject): KubeObject;
  /** Sets the status of an existing object (a controller's /status write). */
  setStatus(namespace: string | undefined, name: string, status: unknown): KubeObject;
  delete(namespace: string | undefined, name: string, propagation?: "Background" | "Foreground" | "Orphan"): KubeObject | undefined;
}

export interface KubeApiServer {
  /** Base URL, http://127.0.0.1:<port>. */
  url: string;
  store: ObjectStore;
  /** Every request the server answered, in order, for assertions on what the client really sent. */
  requests: RecordedRequest[];
  /** Container output the fake kubelets hold (read by `pods/<name>/log`). */
  logs: PodLogs;
  addNamespace(name: string, phase?: "Active" | "Terminating"): KubeObject;
  /** Installs an API after start (a CRD applied later). */
  installApi(api: InstallableApi): void;
  /** The resource type served for group + plural, or undefined. */
  resourceType(group: string, resource: string): ResourceType | undefined;
  resource(group: string, resource: string): ResourceHandle;
  /** What answers `…/services/<name>:<port>/proxy/…` (the pods behind the service). */
  serveProxy(target: ProxyTarget, handler: ProxyHandler): void;
  stopProxy(target: ProxyTarget): void;
  /** Answers the next matching request(s) with `status` instead of handling them. */
  failNext(match: FaultMatch, status: KubeStatus, times?: number): void;
  /** Forgets the watch history: watches from an earlier resourceVersion get 410 Gone. */
  compact(): void;
  /** Ends every open watch stream (as an API server restart or a load balancer timeout would). */
  dropWatches(): void;
  close(): Promise<void>;
}

export const DEFAULT_TOKEN = "test-token";
export const DEFAULT_USER = "system:serviceaccount:kubeflow:ocr-console";

class HttpStatusError extends Error {
  constructor(readonly status: KubeStatus) {
    super(status.message);
  }
}

/** A kube-apiserver double on 127.0.0.1 speaking the real REST protocol to the real client. */
export async function startKubeApiServer(options: KubeApiServerOptions = {}): Promise<KubeApiServer> {
  const gitVersion = options.version ?? "v1.29.3";
  const tokens = new Map<string, TokenAccount>(
    Object.entries(options.tokens ?? { [DEFAULT_TOKEN]: DEFAULT_USER }).map(([token, account]) => [
      token,
      typeof account === "string" ? { user: account } : account,
    ]),
  );
  const resources: ResourceType[] = [...coreResources, ...builtinGroupResources, ...(options.resources ?? [])];
  for (const api of options.apis ?? []) resources.push(...installableApi(api));
  const store = new ObjectStore();
  const logs = new PodLogs();
  const requests: RecordedRequest[] = [];
  const proxies = new Map<string, ProxyHandler>();
  const faults: Array<{ match: FaultMatch; status: KubeStatus; remaining: number }> = [];
  const watchStreams = new Set<ServerResponse>();

  const findType = (groupName: string, version: string | undefined, resource: string) =>
    resources.find((r) => r.group === groupName && (version === undefined || r.version === version) && r.resource === resource);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      sendStatus(res, error instanceof HttpStatusError ? error.status : internalError(error instanceof Error ? error.message : String(error)));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const auth = authenticate(req.headers.authorization, tokens);
    const body = ["POST", "PUT", "PATCH", "DELETE"].includes(req.method ?? "") ? await readBody(req) : Buffer.alloc(0);
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
    const record: RecordedRequest = { method: req.method ?? "GET", path: url.pathname + url.search, ...(auth.ok ? { user: auth.account.user } : {}) };
    if (body.length > 0) {
      record.contentType = contentType;
      try {
        record.body = JSON.parse(body.toString("utf8"));
      } catch {
        record.body = body.toString("utf8");
      }
    }
    requests.push(record);
    if (!auth.ok) return sendStatus(res, unauthorized());

    if (url.pathname === "/version") return sendJson(res, 200, versionInfo(gitVersion));
    if (["/healthz", "/livez", "/readyz"].includes(url.pathname)) return sendText(res, 200, "ok");
    const discovery = discoveryDocument(url.pathname);
    if (discovery) return sendJson(res, 200, discovery);

    const request = parseResourcePath(url.pathname);
    const type = request && findType(request.group, request.version, request.resource);
    if (!request || !type || (request.namespace !== undefined && !type.namespaced)) return sendStatus(res, pathNotFound());
    if (request.subresource !== undefined && !(type.subresources ?? []).includes(request.subresource)) return sendStatus(res, pathNotFound());

    const verb = verbOf(req.method ?? "GET", request, url.searchParams);
    if (!verb) return sendStatus(res, methodNotAllowed());
    const attributes: RequestAttributes = {
      verb,
      group: type.group,
      resource: type.resource,
      ...(request.subresource !== undefined ? { subresource: request.subresource } : {}),
      ...(request.namespace !== undefined ? { namespace: request.namespace } : {}),
      ...(request.name !== undefined ? { name: request.name.split(":")[0]! } : {}),
    };
    // Anyone may ask what they may do (system:basic-user).
    if (!type.virtual && !authorize(auth.account, attributes)) {
      const shown = request.subresource !== undefined ? { ...type, resource: `${type.resource}/${request.subresource}` } : type;
      return sendStatus(res, forbidden(shown, attributes.name, auth.account.user, verb, request.namespace));
    }
    const fault = takeFault(req.method ?? "GET", url.pathname, attributes);
    if (fault) return sendStatus(res, fault);

    if (type.virtual) return selfSubjectAccessReview(res, body, auth.account);
    if (request.subresource === "log") return podLog(res, req, request, url.searchParams);
    if (request.subresource === "proxy") return proxy(req, res, request, url, body);
    return resourceVerb(req, res, url, request, type, verb, body, contentType);
  }

  function takeFault(method: string, pathname: string, attributes: RequestAttributes): KubeStatus | undefined {
    const index = faults.findIndex(({ match }) =>
      (match.method === undefined || match.method === method) &&
      (match.verb === undefined || match.verb === attributes.verb) &&
      (match.resource === undefined || match.resource === attributes.resource) &&
      (match.subresource === undefined || match.subresource === attributes.subresource) &&
      (match.name === undefined || match.name === attributes.name) &&
      (match.path === undefined || (typeof match.path === "string" ? pathname === match.path : match.path.test(pathname))),
    );
    if (index < 0) return undefined;
    const fault = faults[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faults.splice(index, 1);
    return fault.status;
  }

  function discoveryDocument(pathname: string): unknown {
    const path = pathname.replace(/\/$/, "");
    if (path === "/api") return coreVersions();
    if (path === "/api/v1") return resourceList("v1", resources.filter((r) => r.group === ""));
    if (path === "/apis") return groupList(resources);
    const match = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
    if (!match) return undefined;
    const [, groupName, version] = match;
    const inGroup = resources.filter((r) => r.group === groupName);
    if (inGroup.length === 0) return undefined;
    if (version === undefined) return group(groupName!, resources);
    const inVersion = inGroup.filter((r) => r.version === version);
    return inVersion.length > 0 ? resourceList(`${groupName}/${version}`, inVersion) : undefined;
  }

  function selfSubjectAccessReview(res: ServerResponse, body: Buffer, account: TokenAccount): void {
    const review = parseJson(body) as { spec?: { resourceAttributes?: Record<string, string>; nonResourceAttributes?: Record<string, string> } };
    const attributes = review.spec?.resourceAttributes;
    if (!attributes) {
      if (review.spec?.nonResourceAttributes) {
        return sendJson(res, 201, { ...review, apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", metadata: { creationTimestamp: null }, status: { allowed: true } });
      }
      return sendStatus(res, invalid("SelfSubjectAccessReview", "authorization.k8s.io", "", [{ reason: "FieldValueRequired", message: "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified", field: "spec.resourceAttributes" }]));
    }
    const allowed = authorize(account, {
      verb: (attributes.verb ?? "get") as RequestAttributes["verb"],
      group: attributes.group ?? "",
      resource: attributes.resource ?? "",
      ...(attributes.subresource ? { subresource: attributes.subresource } : {}),
      ...(attributes.namespace ? { namespace: attributes.namespace } : {}),
      ...(attributes.name ? { name: attributes.name } : {}),
    });
    sendJson(res, 201, {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      metadata: { creationTimestamp: null },
      spec: review.spec,
      status: allowed ? { allowed: true, reason: "RBAC: allowed by ClusterRoleBinding" } : { allowed: false },
    });
  }

  function podLog(res: ServerResponse, req: IncomingMessage, request: ResourceRequest, query: URLSearchParams): void {
    const podType = findType("", "v1", "pods")!;
    const pod = request.name !== undefined ? store.get({ group: "", version: "v1", resource: "pods", namespace: request.namespace, name: request.name }) : undefined;
    if (!pod || !request.namespace) return sendStatus(res, notFound(podType, request.name ?? ""));
    const spec = pod.spec as { containers?: Array<{ name: string }>; initContainers?: Array<{ name: string }> };
    const names = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) => c.name);
    let container = query.get("container") ?? "";
    if (!container) {
      if ((spec.containers ?? []).length !== 1) {
        return sendStatus(res, badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(" ")}]`));
      }
      container = spec.containers![0]!.name;
    }
    if (!names.includes(container)) return sendStatus(res, badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`));
    const previous = query.get("previous") === "true";
    const waiting = (pod.status as { containerStatuses?: Array<{ name: string; state?: { waiting?: { reason?: string } } }> } | undefined)?.containerStatuses?.find(
      (status) => status.name === container,
    )?.state?.waiting;
    if (waiting && !previous) {
      return sendStatus(res, badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${waiting.reason ?? "ContainerCreating"}`));
    }
    let entries = logs.read(request.namespace, pod.metadata.name, container, previous);
    if (entries === null) return sendStatus(res, badRequest(`previous terminated container "${container}" in pod "${pod.metadata.name}" not found`));
    const sinceTime = query.get("sinceTime");
    const sinceSeconds = query.get("sinceSeconds");
    const since = sinceTime ? Date.parse(sinceTime) : sinceSeconds ? Date.now() - Number(sinceSeconds) * 1000 : undefined;
    if (since !== undefined) entries = entries.filter((entry) => entry.at.getTime() >= since);
    const tail = query.get("tailLines");
    if (tail !== null) entries = entries.slice(Math.max(0, entries.length - Number(tail)));
    const timestamps = query.get("timestamps") === "true";
    const format = (entry: { at: Date; text: string }) => `${timestamps ? `${entry.at.toISOString().replace("Z", "000000Z")} ` : ""}${entry.text}\n`;

    res.writeHead(200, { "Content-Type": "text/plain", "Transfer-Encoding": "chunked", "Cache-Control": "no-cache, private" });
    for (const entry of entries) res.write(format(entry));
    if (query.get("follow") !== "true" || previous) return void res.end();
    const stop = logs.follow(request.namespace, pod.metadata.name, container, (entry) => {
      if (entry === null) res.end();
      else res.write(format(entry));
    });
    req.on("close", stop);
    res.on("close", stop);
  }

  async function proxy(req: IncomingMessage, res: ServerResponse, request: ResourceRequest, url: URL, body: Buffer): Promise<void> {
    const [name = "", port = ""] = (request.name ?? "").replace(/^https?:/, "").split(":");
    const kind = request.resource as "services" | "pods";
    const type = findType("", "v1", kind)!;
    const target = store.get({ group: "", version: "v1", resource: kind, namespace: request.namespace, name });
    if (!target) return sendStatus(res, notFound(type, name));
    const handler = proxies.get(proxyKey({ namespace: request.namespace ?? "", kind, name, port: port || defaultPort(target) })) ?? (kind === "services" ? endpointHandler(target, port) : undefined);
    if (!handler) {
      return sendStatus(res, kind === "services" ? serviceUnavailable(`no endpoints available for service "${name}"`) : serviceUnavailable(`error trying to reach service: dial tcp: connect: connection refused`));
    }
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value === undefined || key === "authorization" || key === "host" || key === "connection") continue;
      headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const method = req.method ?? "GET";
    const upstream = new Request(`http://${name}:${port || defaultPort(target)}${request.subpath ?? "/"}${url.search}`, {
      method,
      headers,
      ...(method !== "GET" && method !== "HEAD" ? { body: new Uint8Array(body) } : {}),
    });
    const answer = await handler(upstream);
    const out: Record<string, string> = {};
    answer.headers.forEach((value, key) => {
      if (key !== "content-length" && key !== "transfer-encoding" && key !== "connection") out[key] = value;
    });
    res.writeHead(answer.status, out);
    if (!answer.body) return void res.end();
    Readable.fromWeb(answer.body as WebReadableStream<Uint8Array>).pipe(res);
  }

  /** A Service's endpoints: the running pods its selector picks, serving the target port. */
  function endpointHandler(service: KubeObject, port: string): ProxyHandler | undefined {
    const spec = service.spec as { selector?: Record<string, string>; ports?: Array<{ name?: string; port: number; targetPort?: number | string }> };
    if (!spec.selector) return undefined;
    const servicePort = spec.ports?.find((p) => String(p.port) === port || p.name === port) ?? (port === "" ? spec.ports?.[0] : undefined);
    if (!servicePort) return undefined;
    const selector = spec.selector;
    const pods = store
      .list({ group: "", version: "v1", resource: "pods", namespace: service.metadata.namespace })
      .filter((pod) => (pod.status as { phase?: string } | undefined)?.phase === "Running" && Object.entries(selector).every(([k, v]) => pod.metadata.labels?.[k] === v));
    for (const pod of pods) {
      const containers = (pod.spec as { containers?: Array<{ ports?: Array<{ name?: string; containerPort: number }> }> }).containers ?? [];
      const target = servicePort.targetPort ?? servicePort.port;
      const containerPort = typeof target === "number" ? target : containers.flatMap((c) => c.ports ?? []).find((p) => p.name === target)?.containerPort;
      const handler = containerPort !== undefined ? proxies.get(proxyKey({ namespace: service.metadata.namespace ?? "", kind: "pods", name: pod.metadata.name, port: containerPort })) : undefined;
      if (handler) return handler;
    }
    return undefined;
  }

  function resourceVerb(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    request: ResourceRequest,
    type: ResourceType,
    verb: RequestAttributes["verb"],
    body: Buffer,
    contentType: string,
  ): void {
    const collection = { group: type.group, version: type.version, resource: type.resource, ...(request.namespace !== undefined ? { namespace: request.namespace } : {}) };
    const query = url.searchParams;
    const dryRun = query.get("dryRun") === "All";
    const statusWrite = request.subresource === "status";
    try {
      switch (verb) {
        case "get": {
          const found = store.get({ ...collection, name: request.name! });
          return found ? sendJson(res, 200, found) : sendStatus(res, notFound(type, request.name!));
        }
        case "list": {
          const items = select(type, collection.namespace, query);
          const limit = Number(query.get("limit") ?? 0);
          const offset = Number(query.get("continue") ? Buffer.from(query.get("continue")!, "base64url").toString() : 0);
          const page = limit > 0 ? items.slice(offset, offset + limit) : items;
          const more = limit > 0 && offset + limit < items.length;
          return sendJson(res, 200, {
            apiVersion: apiVersionOf(type),
            kind: `${type.kind}List`,
            metadata: { resourceVersion: store.resourceVersion, ...(more ? { continue: Buffer.from(String(offset + limit)).toString("base64url"), remainingItemCount: items.length - offset - limit } : {}) },
            items: page,
          });
        }
        case "watch":
          return watch(req, res, type, collection.namespace, query, request.name);
        case "create": {
          const object = parseJson(body) as KubeObject;
          if (!object || typeof object !== "object") throw new HttpStatusError(badRequest("the body of the request was not a JSON object"));
          const created = createObject(type, request.namespace, object, { dryRun });
          return sendJson(res, 201, created);
        }
        case "update": {
          const object = parseJson(body) as KubeObject;
          const updated = statusWrite
            ? writeStatus(type, request.namespace, request.name!, (object as { status?: unknown }).status, object.metadata?.resourceVersion, { dryRun })
            : updateObject(type, request.namespace, request.name!, object, { dryRun });
          return sendJson(res, 200, updated);
        }
        case "patch": {
          const current = store.get({ ...collection, name: request.name! });
          if (!current) return sendStatus(res, notFound(type, request.name!));
          const patched = applyPatch(type, current, body, contentType);
          const updated = statusWrite
            ? writeStatus(type, request.namespace, request.name!, (patched as { status?: unknown }).status, patched.metadata?.resourceVersion, { dryRun })
            : updateObject(type, request.namespace, request.name!, patched, { dryRun });
          return sendJson(res, 200, updated);
        }
        case "delete": {
          const options = body.length > 0 ? (parseJson(body) as { propagationPolicy?: string }) : {};
          const policy = (query.get("propagationPolicy") ?? options.propagationPolicy) as "Background" | "Foreground" | "Orphan" | undefined;
          const deleted = deleteObject(type, request.namespace, request.name!, policy);
          if (!deleted) return sendStatus(res, notFound(type, request.name!));
          if (type.group === "apps" || type.group === "batch") {
            return sendJson(res, 200, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", details: { name: request.name, group: type.group, kind: type.resource, uid: deleted.metadata.uid } });
          }
          return sendJson(res, 200, deleted);
        }
        case "deletecollection": {
          for (const item of select(type, collection.namespace, query)) deleteObject(type, item.metadata.namespace, item.metadata.name, "Background");
          return sendJson(res, 200, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success" });
        }
      }
    } catch (error) {
      if (error instanceof HttpStatusError) return sendStatus(res, error.status);
      if (error instanceof SelectorError) return sendStatus(res, badRequest(error.message));
      if (error instanceof PatchError) return sendStatus(res, error.code === 400 ? badRequest(error.message) : invalid(type.kind, type.group, request.name ?? "", [{ reason: "FieldValueInvalid", message: error.message, field: "" }]));
      throw error;
    }
  }

  function select(type: ResourceType, namespace: string | undefined, query: URLSearchParams): KubeObject[] {
    const labels = parseLabelSelector(query.get("labelSelector"));
    const fields = parseFieldSelector(query.get("fieldSelector"));
    return store.list({ group: type.group, version: type.version, resource: type.resource, ...(namespace !== undefined ? { namespace } : {}) }).filter(
      (object) => labels(object.metadata.labels) && fields(object),
    );
  }

  function watch(req: IncomingMessage, res: ServerResponse, type: ResourceType, namespace: string | undefined, query: URLSearchParams, name: string | undefined): void {
    const labels = parseLabelSelector(query.get("labelSelector"));
    const fieldSelector = query.get("fieldSelector") ?? (name !== undefined ? `metadata.name=${name}` : null);
    const fields = parseFieldSelector(fieldSelector);
    const matches = (event: StoreEvent) =>
      event.ref.group === type.group &&
      event.ref.version === type.version &&
      event.ref.resource === type.resource &&
      (namespace === undefined || event.ref.namespace === namespace) &&
      labels(event.object.metadata.labels) &&
      fields(event.object);
    const since = query.get("resourceVersion");
    res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked", "Cache-Control": "no-cache, private" });
    watchStreams.add(res);
    const write = (type: string, object: unknown) => {
      if (!res.writableEnded) res.write(`${JSON.stringify({ type, object })}\n`);
    };
    // Subscribe before replaying, and replay synchronously, so no change falls between the two.
    let lastSent = 0;
    const unsubscribe = store.subscribe((event) => {
      if (event.revision > lastSent && matches(event)) {
        lastSent = event.revision;
        write(event.type, event.object);
      }
    });
    const end = () => {
      unsubscribe();
      watchStreams.delete(res);
      clearTimeout(timer);
    };
    const timeout = Number(query.get("timeoutSeconds") ?? 0);
    const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
    req.on("close", end);
    res.on("close", end);

    if (since === null || since === "" || since === "0") {
      for (const object of select(type, namespace, new URLSearchParams({ ...(query.get("labelSelector") ? { labelSelector: query.get("labelSelector")! } : {}), ...(fieldSelector ? { fieldSelector } : {}) }))) {
        write("ADDED", object);
      }
      lastSent = Number(store.resourceVersion);
      return;
    }
    try {
      for (const event of store.eventsSince(Number(since))) {
        if (matches(event)) write(event.type, event.object);
      }
      lastSent = Number(store.resourceVersion);
    } catch (error) {
      if (!(error instanceof TooOldResourceVersion)) throw error;
      // A real server answers 200 and sends the 410 inside the stream, then closes it.
      write("ERROR", expired(error.message));
      res.end();
    }
  }

  function applyPatch(type: ResourceType, current: KubeObject, body: Buffer, contentType: string): KubeObject {
    const patch = contentType === PATCH_TYPES.apply ? parseApplyBody(body) : parseJson(body);
    switch (contentType) {
      case PATCH_TYPES.merge:
      case PATCH_TYPES.apply:
        return mergePatch(current, patch) as KubeObject;
      case PATCH_TYPES.json:
        return jsonPatch(current, patch) as KubeObject;
      case PATCH_TYPES.strategic:
        if (type.schema !== undefined || !isBuiltin(type)) throw new HttpStatusError(unsupportedMediaType(contentType));
        return strategicMergePatch(current, patch) as KubeObject;
      default:
        throw new HttpStatusError(unsupportedMediaType(contentType || "(none)"));
    }
  }

  function isBuiltin(type: ResourceType): boolean {
    return coreResources.includes(type) || builtinGroupResources.includes(type);
  }

  function validate(type: ResourceType, object: KubeObject): void {
    const causes: StatusCause[] = [...validateName(type, object.metadata?.name ?? "")];
    if (type.schema) causes.push(...validateCustomResource(type.schema, object));
    else causes.push(...validateBuiltin(type, object));
    if (causes.length > 0) throw new HttpStatusError(invalid(type.kind, type.group, object.metadata?.name ?? "", causes));
  }

  function checkKind(type: ResourceType, object: KubeObject): void {
    if (object.kind !== undefined && object.kind !== type.kind) {
      throw new HttpStatusError(badRequest(`${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: the object kind ${object.kind} does not match`));
    }
    if (object.apiVersion !== undefined && object.apiVersion !== apiVersionOf(type)) {
      throw new HttpStatusError(badRequest(`the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersionOf(type)})`));
    }
  }

  function createObject(type: ResourceType, namespace: string | undefined, input: KubeObject, { dryRun = false } = {}): KubeObject {
    const object: KubeObject = { ...structuredClone(input), apiVersion: input.apiVersion ?? apiVersionOf(type), kind: input.kind ?? type.kind, metadata: { ...(input.metadata ?? {}) } as KubeObject["metadata"] };
    checkKind(type, object);
    if (type.namespaced) {
      if (object.metadata.namespace !== undefined && object.metadata.namespace !== namespace) {
        throw new HttpStatusError(badRequest("the namespace of the provided object does not match the namespace sent on the request"));
      }
      if (!store.get({ group: "", version: "v1", resource: "namespaces", name: namespace ?? "" })) {
        throw new HttpStatusError(notFound({ group: "", resource: "namespaces" }, namespace ?? ""));
      }
    }
    if (!object.metadata.name && typeof object.metadata.generateName === "string") {
      object.metadata.name = `${object.metadata.generateName}${Math.random().toString(36).slice(2, 7)}`;
    }
    delete object.metadata.resourceVersion;
    // Status is the controllers' to write: a create through the main resource drops it.
    if ((type.subresources ?? []).includes("status") && type.resource !== "namespaces") delete object.status;
    validate(type, object);
    const ref = { group: type.group, version: type.version, resource: type.resource, ...(namespace !== undefined ? { namespace } : {}) };
    if (store.get({ ...ref, name: object.metadata.name })) throw new HttpStatusError(alreadyExists(type, object.metadata.name));
    if (dryRun) return { ...object, metadata: { ...object.metadata, ...(namespace !== undefined ? { namespace } : {}), creationTimestamp: nowSeconds() } };
    return store.create(ref, object);
  }

  function updateObject(type: ResourceType, namespace: string | undefined, name: string, input: KubeObject, { dryRun = false } = {}): KubeObject {
    const ref: ObjectRef = { group: type.group, version: type.version, resource: type.resource, name, ...(namespace !== undefined ? { namespace } : {}) };
    const current = store.get(ref);
    if (!current) throw new HttpStatusError(notFound(type, name));
    const object: KubeObject = structuredClone(input);
    checkKind(type, object);
    if (object.metadata?.name !== undefined && object.metadata.name !== name) {
      throw new HttpStatusError(badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`));
    }
    object.metadata = { ...object.metadata, name };
    if ((type.subresources ?? []).includes("status")) {
      if (current.status === undefined) delete object.status;
      else object.status = current.status;
    }
    validate(type, object);
    if (dryRun) return object;
    const specChanged = JSON.stringify(withoutMeta(current)) !== JSON.stringify(withoutMeta(object));
    try {
      return store.update(ref, object, { bumpGeneration: specChanged });
    } catch (error) {
      if (error instanceof ResourceVersionConflict) throw new HttpStatusError(conflict(type, name, error.message));
      throw error;
    }
  }

  function writeStatus(type: ResourceType, namespace: string | undefined, name: string, status: unknown, resourceVersion: string | undefined, { dryRun = false } = {}): KubeObject {
    const ref: ObjectRef = { group: type.group, version: type.version, resource: type.resource, name, ...(namespace !== undefined ? { namespace } : {}) };
    const current = store.get(ref);
    if (!current) throw new HttpStatusError(notFound(type, name));
    const object: KubeObject = { ...current, status, metadata: { ...current.metadata, ...(resourceVersion !== undefined ? { resourceVersion } : {}) } };
    if (status === undefined) delete object.status;
    validate(type, object);
    if (dryRun) return object;
    try {
      return store.update(ref, object);
    } catch (error) {
      if (error instanceof ResourceVersionConflict) throw new HttpStatusError(conflict(type, name, error.message));
      throw error;
    }
  }

  /** Deletes the object and, unless orphaned, everything it owns (the garbage collector, at once). */
  function deleteObject(type: ResourceType, namespace: string | undefined, name: string, policy?: "Background" | "Foreground" | "Orphan"): KubeObject | undefined {
    const ref: ObjectRef = { group: type.group, version: type.version, resource: type.resource, name, ...(namespace !== undefined ? { namespace } : {}) };
    const deleted = store.delete(ref);
    if (!deleted) return undefined;
    if (type.resource === "pods" && type.group === "" && namespace) logs.forget(namespace, name);
    const orphan = policy === "Orphan" || (policy === undefined && type.orphanByDefault === true);
    if (!orphan) collectDependents(deleted.metadata.uid!);
    return deleted;
  }

  function collectDependents(ownerUid: string): void {
    for (const { ref, object } of store.entries()) {
      if (!(object.metadata.ownerReferences ?? []).some((owner) => owner.uid === ownerUid)) continue;
      const type = findType(ref.group, ref.version, ref.resource);
      if (type) deleteObject(type, ref.namespace, ref.name, "Background");
    }
  }

  function handleFor(groupName: string, resource: string): ResourceHandle {
    const type = findType(groupName, undefined, resource);
    if (!type) throw new Error(`The fake cluster does not serve ${resource}${groupName ? `.${groupName}` : ""}`);
    const unwrap = <T>(work: () => T): T => {
      try {
        return work();
      } catch (error) {
        if (error instanceof HttpStatusError) throw new Error(error.status.message);
        throw error;
      }
    };
    return {
      type,
      get: (namespace, name) => store.get({ group: type.group, version: type.version, resource: type.resource, name, ...(namespace !== undefined ? { namespace } : {}) }),
      list: (namespace, labelSelector) => select(type, namespace, new URLSearchParams(labelSelector ? { labelSelector } : {})),
      create: (object) => unwrap(() => createObjectInternal(type, object)),
      update: (object) => unwrap(() => updateObject(type, object.metadata.namespace, object.metadata.name, { ...object, metadata: { ...object.metadata, resourceVersion: undefined as unknown as string } })),
      setStatus: (namespace, name, status) => unwrap(() => writeStatus(type, namespace, name, status, undefined)),
      delete: (namespace, name, propagation) => deleteObject(type, namespace, name, propagation ?? "Background"),
    };
  }

  /** Controllers create objects with status set (pods with their phase): keep it, unlike a client create. */
  function createObjectInternal(type: ResourceType, input: KubeObject): KubeObject {
    const status = input.status;
    const created = createObject(type, type.namespaced ? input.metadata.namespace : undefined, input);
    return status === undefined ? created : writeStatus(type, created.metadata.namespace, created.metadata.name, status, undefined);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    store,
    requests,
    logs,
    addNamespace(name, phase = "Active") {
      return store.create(
        { group: "", version: "v1", resource: "namespaces" },
        {
          apiVersion: "v1",
          kind: "Namespace",
          metadata: { name, labels: { "kubernetes.io/metadata.name": name } },
          spec: { finalizers: ["kubernetes"] },
          status: { phase },
        },
      );
    },
    installApi(api) {
      for (const type of installableApi(api)) if (!findType(type.group, type.version, type.resource)) resources.push(type);
    },
    resourceType: (groupName, resource) => findType(groupName, undefined, resource),
    resource: handleFor,
    serveProxy(target, handler) {
      proxies.set(proxyKey(target), handler);
    },
    stopProxy(target) {
      proxies.delete(proxyKey(target));
    },
    failNext(match, status, times = 1) {
      faults.push({ match, status, remaining: times });
    },
    compact: () => store.compact(),
    dropWatches() {
      for (const stream of [...watchStreams]) stream.end();
      watchStreams.clear();
    },
    close() {
      for (const stream of watchStreams) stream.destroy();
      // Clients keep connections alive; without dropping them close() would wait for their idle timeout.
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function proxyKey(target: ProxyTarget): string {
  return `${target.namespace}/${target.kind}/${target.name}:${target.port}`;
}

/** The port a proxy request without `:port` goes to: the object's first declared port. */
function defaultPort(object: KubeObject): string {
  const spec = object.spec as { ports?: Array<{ port?: number }>; containers?: Array<{ ports?: Array<{ containerPort?: number }> }> } | undefined;
  const port = spec?.ports?.[0]?.port ?? spec?.containers?.[0]?.ports?.[0]?.containerPort ?? 80;
  return String(port);
}

function withoutMeta(object: KubeObject): unknown {
  const { metadata: _m, status: _s, ...rest } = object;
  void _m;
  void _s;
  return rest;
}

function verbOf(method: string, request: ResourceRequest, query: URLSearchParams): RequestAttributes["verb"] | undefined {
  const name = request.name;
  if (request.subresource === "proxy") {
    return ({ GET: "get", HEAD: "get", POST: "create", PUT: "update", PATCH: "patch", DELETE: "delete" } as const)[method as "GET"];
  }
  switch (method) {
    case "GET":
      if (query.get("watch") === "true" || query.get("watch") === "1") return "watch";
      return name !== undefined ? "get" : "list";
    case "POST":
      return name === undefined ? "create" : undefined;
    case "PUT":
      return name !== undefined ? "update" : undefined;
    case "PATCH":
      return name !== undefined ? "patch" : undefined;
    case "DELETE":
      return name !== undefined ? "delete" : "deletecollection";
    default:
      return undefined;
  }
}

function versionInfo(gitVersion: string) {
  const [major = "1", minor = "0"] = gitVersion.replace(/^v/, "").split(".");
  return {
    major,
    minor,
    gitVersion,
    gitCommit: "6813625b7cd706db5bc7388921be03071e1a492d",
    gitTreeState: "clean",
    buildDate: "2024-03-14T23:58:36Z",
    goVersion: "go1.21.8",
    compiler: "gc",
    platform: "linux/amd64",
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new HttpStatusError(badRequest(`the body of the request could not be decoded: ${(error as Error).message}`));
  }
}

/** Server-side apply bodies are YAML or JSON; the fake treats apply as a merge of the sent fields. */
function parseApplyBody(body: Buffer): unknown {
  const text = body.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpStatusError(badRequest("the fake API server only takes JSON apply bodies"));
  }
}

function sendStatus(res: ServerResponse, status: KubeStatus): void {
  sendJson(res, status.code, status);
}

function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), "Cache-Control": "no-cache, private" });
  res.end(text);
}

function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
