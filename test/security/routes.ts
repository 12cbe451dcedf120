import { readdirSync } from "node:fs";
import path from "node:path";
import { findOperation, operationKey, type OperationKey } from "@/lib/api/find-operation";
import type { ApiOperation } from "@/lib/api/operations";
import { CONSOLE_HOST } from "./callers";

// The console's route handlers loaded as Next.js would load them, and called with real Requests.

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Params = Record<string, string | string[]>;
type Handler = (request: Request, context: { params: Promise<Params> }) => Promise<Response>;

export interface RouteFile {
  file: string;
  apiPath: string;
  handlers: Partial<Record<Method, Handler>>;
}

function routeFiles(dir = path.join(ROOT, "app/api")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? routeFiles(path.join(dir, entry.name)) : entry.name === "route.ts" ? [path.join(dir, entry.name)] : [],
  );
}

/** `app/api/v1/runs/[id]/route.ts` → `/api/v1/runs/{id}`. */
function apiPathOf(file: string): string {
  const parts = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep);
  return "/" + parts.map((part) => part.replace(/^\[\[?(?:\.\.\.)?([^\]]+)\]?\]$/, "{$1}")).join("/");
}

export async function loadRoutes(): Promise<RouteFile[]> {
  const routes: RouteFile[] = [];
  for (const file of routeFiles()) {
    const mod = (await import(file)) as Record<string, unknown>;
    const handlers = Object.fromEntries(METHODS.filter((method) => typeof mod[method] === "function").map((method) => [method, mod[method] as Handler]));
    routes.push({ file: path.relative(ROOT, file), apiPath: apiPathOf(file), handlers });
  }
  return routes;
}

/** The route path that serves an operation (a custom method `:verb` rides on its resource's last parameter). */
export function routePathOf(operation: Pick<ApiOperation, "path">): string {
  const verb = /\}:([a-z-]+)$/.exec(operation.path)?.[1];
  return verb ? operation.path.slice(0, -verb.length - 1) : operation.path;
}

export interface CallOptions {
  headers?: Record<string, string>;
  /** Path parameters by name; each one missing is "x". A custom method's verb is added here. */
  params?: Record<string, string>;
  body?: BodyInit | null;
  query?: string;
}

/** Calls the handler that serves an operation, as Next.js would for a request to it. */
export function callOperation(routes: RouteFile[], key: OperationKey, options: CallOptions = {}): Promise<Response> {
  const operation = findOperation(key);
  const apiPath = routePathOf(operation);
  const route = routes.find((candidate) => candidate.apiPath === apiPath);
  const method = operation.method.toUpperCase() as Method;
  const handler = route?.handlers[method];
  if (!handler) throw new Error(`no route handler serves ${operationKey(operation)}`);
  const names = [...apiPath.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const params: Params = Object.fromEntries(names.map((name) => [name, name === "path" ? (options.params?.path ?? "x").split("/") : encodeURIComponent(options.params?.[name] ?? "x")]));
  const verb = operation.path.slice(apiPath.length);
  if (verb) params[names.at(-1)!] = `${params[names.at(-1)!]}${verb}`;
  const url = `http://${CONSOLE_HOST}${apiPath.replace(/\{([^}]+)\}/g, (_m, name: string) => String(params[name]))}${options.query ? `?${options.query}` : ""}`;
  const init: RequestInit & { duplex?: "half" } = { method, headers: options.headers ?? {} };
  if (options.body !== undefined && options.body !== null) {
    init.body = options.body;
    if (options.body instanceof ReadableStream) init.duplex = "half";
  }
  return handler(new Request(url, init), { params: Promise.resolve(params) });
}
