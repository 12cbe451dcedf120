import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticate, authorize, type RequestAttributes, type TokenAccount } from "./access";
import { ObjectStore, type KubeObject } from "./object-store";
import { coreResources, parseResourcePath, type ResourceRequest, type ResourceType } from "./resources";
import { forbidden, methodNotAllowed, notFound, pathNotFound, unauthorized, type KubeStatus } from "./status";

export interface KubeApiServerOptions {
  /** What `/version` reports, e.g. "v1.29.3". */
  version?: string;
  /** Accepted bearer tokens; a string value is just the username, with every request allowed. */
  tokens?: Record<string, TokenAccount | string>;
  /** Extra resource types to serve (custom resources in later issues). */
  resources?: ResourceType[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  user?: string;
}

export interface KubeApiServer {
  /** Base URL, http://127.0.0.1:<port>. */
  url: string;
  store: ObjectStore;
  /** Every request the server answered, in order, for assertions on what the client really sent. */
  requests: RecordedRequest[];
  addNamespace(name: string, phase?: "Active" | "Terminating"): KubeObject;
  close(): Promise<void>;
}

export const DEFAULT_TOKEN = "test-token";
export const DEFAULT_USER = "system:serviceaccount:kubeflow:ocr-console";

/** A kube-apiserver double on 127.0.0.1 speaking the real REST protocol to the real client. */
export async function startKubeApiServer(options: KubeApiServerOptions = {}): Promise<KubeApiServer> {
  const gitVersion = options.version ?? "v1.29.3";
  const tokens = new Map<string, TokenAccount>(
    Object.entries(options.tokens ?? { [DEFAULT_TOKEN]: DEFAULT_USER }).map(([token, account]) => [
      token,
      typeof account === "string" ? { user: account } : account,
    ]),
  );
  const resources = [...coreResources, ...(options.resources ?? [])];
  const store = new ObjectStore();
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const auth = authenticate(req.headers.authorization, tokens);
    requests.push({ method: req.method ?? "GET", path: url.pathname + url.search, ...(auth.ok ? { user: auth.account.user } : {}) });
    if (!auth.ok) return sendStatus(res, unauthorized());

    if (url.pathname === "/version") return sendJson(res, 200, versionInfo(gitVersion));
    if (["/healthz", "/livez", "/readyz"].includes(url.pathname)) return sendText(res, 200, "ok");

    const request = parseResourcePath(url.pathname);
    const type = request && resources.find((r) => r.group === request.group && r.version === request.version && r.resource === request.resource);
    if (!request || !type || request.subresource !== undefined || (request.namespace !== undefined && !type.namespaced)) {
      return sendStatus(res, pathNotFound());
    }
    handleResource(req, res, url, request, type, auth.account);
  });

  function handleResource(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    request: ResourceRequest,
    type: ResourceType,
    account: TokenAccount,
  ): void {
    const verb = verbOf(req.method ?? "GET", request.name, url.searchParams);
    if (!verb) return sendStatus(res, methodNotAllowed());
    const attributes: RequestAttributes = {
      verb,
      group: type.group,
      resource: type.resource,
      ...(request.namespace !== undefined ? { namespace: request.namespace } : {}),
      ...(request.name !== undefined ? { name: request.name } : {}),
    };
    if (!authorize(account, attributes)) {
      return sendStatus(res, forbidden(type, request.name, account.user, verb, request.namespace));
    }
    const collection = {
      group: type.group,
      version: type.version,
      resource: type.resource,
      ...(request.namespace !== undefined ? { namespace: request.namespace } : {}),
    };
    if (verb === "get" && request.name !== undefined) {
      const found = store.get({ ...collection, name: request.name });
      return found ? sendJson(res, 200, found) : sendStatus(res, notFound(type, request.name));
    }
    if (verb === "list") {
      return sendJson(res, 200, {
        apiVersion: apiVersionOf(type),
        kind: `${type.kind}List`,
        metadata: { resourceVersion: store.resourceVersion },
        items: store.list(collection),
      });
    }
    sendStatus(res, methodNotAllowed());
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    store,
    requests,
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
    close() {
      // Clients keep connections alive; without dropping them close() would wait for their idle timeout.
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function verbOf(method: string, name: string | undefined, query: URLSearchParams): RequestAttributes["verb"] | undefined {
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

function apiVersionOf(type: ResourceType): string {
  return type.group === "" ? type.version : `${type.group}/${type.version}`;
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
