import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { operationKey } from "@/lib/api/find-operation";
import { apiOperations, type ApiOperation } from "@/lib/api/operations";
import type { Database } from "@/lib/db/open-database";
import { openTestDatabase } from "@/test/support/test-database";
import { CONSOLE_HOST, foreignOriginHeaders, sameOriginHeaders, seedCallers, type Caller } from "./callers";

// Every route file under app/api, walked: each one is described in the operation list (and so in
// the OpenAPI document), refuses anonymous callers, callers below the operation's role, and
// cookie-carrying writes from another origin — before it does anything.

const ROOT = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
// Routes outside /api/v1 with their own rule, each tested where it is written.
const UNDESCRIBED = new Map([["/api/health", "anonymous callers get a bare status (lib/health tests)"]]);

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

interface RouteFile {
  file: string;
  apiPath: string;
  handlers: Partial<Record<(typeof METHODS)[number], Handler>>;
}

function routeFiles(dir = path.join(ROOT, "app/api")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? routeFiles(path.join(dir, entry.name)) : entry.name === "route.ts" ? [path.join(dir, entry.name)] : [],
  );
}

/** `app/api/v1/runs/[id]/route.ts` → `/api/v1/runs/{id}`. */
function apiPathOf(file: string): string {
  return "/" + path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).map((part) => part.replace(/^\[\[?(?:\.\.\.)?([^\]]+)\]?\]$/, "{$1}")).join("/");
}

/** The operation's path without a `:verb`, and the route parameters that reach it. */
function routeOf(operation: ApiOperation): { apiPath: string; params: Record<string, string | string[]> } {
  const verb = /:([a-z-]+)$/.exec(operation.path)?.[1];
  const apiPath = verb ? operation.path.slice(0, -verb.length - 1) : operation.path;
  const names = [...apiPath.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const params: Record<string, string | string[]> = Object.fromEntries(names.map((name) => [name, name === "path" ? ["x"] : "x"]));
  if (verb) {
    const last = names.at(-1);
    if (last) params[last] = `x:${verb}`;
  }
  return { apiPath: verb && !names.length ? operation.path : apiPath, params };
}

let database: Database;
let callers: Record<Role, Caller>;
let routes: RouteFile[];
const globalForDb = globalThis as typeof globalThis & { __ocrConsoleDatabase?: Promise<Database> };

beforeAll(async () => {
  database = await openTestDatabase("pglite");
  globalForDb.__ocrConsoleDatabase = Promise.resolve(database);
  callers = await seedCallers(database.prisma);
  routes = [];
  for (const file of routeFiles()) {
    const mod = (await import(file)) as Record<string, unknown>;
    const handlers = Object.fromEntries(METHODS.filter((method) => typeof mod[method] === "function").map((method) => [method, mod[method] as Handler]));
    routes.push({ file: path.relative(ROOT, file), apiPath: apiPathOf(file), handlers });
  }
}, 120_000);

afterAll(async () => {
  globalForDb.__ocrConsoleDatabase = undefined;
  await database?.close();
});

function call(operation: ApiOperation, headers: Record<string, string>): Promise<Response> {
  const { apiPath, params } = routeOf(operation);
  const route = routes.find((candidate) => candidate.apiPath === apiPath);
  const handler = route?.handlers[operation.method.toUpperCase() as (typeof METHODS)[number]];
  if (!handler) throw new Error(`no route handler serves ${operationKey(operation)}`);
  const method = operation.method.toUpperCase();
  const init: RequestInit = { method, headers: { ...headers, ...(method === "GET" ? {} : { "content-type": "application/json" }) } };
  if (method !== "GET") init.body = "{}";
  return handler(new Request(`http://${CONSOLE_HOST}${operation.path.replace(/\{[^}]+\}/g, "x")}`, init), { params: Promise.resolve(params) });
}

const LOWER: Record<Role, Role | null> = { viewer: null, editor: "viewer", admin: "editor" };

describe("every route under app/api", () => {
  it("is described in the operation list, and every described operation has a route", () => {
    const described = new Set(apiOperations.map((operation) => `${operation.method.toUpperCase()} ${routeOf(operation).apiPath}`));
    const served: string[] = [];
    for (const route of routes) {
      for (const method of Object.keys(route.handlers)) {
        const key = `${method} ${route.apiPath}`;
        served.push(key);
        if (!UNDESCRIBED.has(route.apiPath)) expect(described, `${key} (${route.file}) is not in lib/api/operations`).toContain(key);
      }
    }
    for (const key of described) expect(served, `${key} is described but no route serves it`).toContain(key);
    expect(routes.length).toBeGreaterThan(50);
  });

  it.each(apiOperations.map((operation) => [operationKey(operation), operation] as const))("%s refuses callers it must refuse", async (_key, operation) => {
    const before = await database.prisma.auditEvent.count();
    const anonymous = await call(operation, sameOriginHeaders());
    if (operation.public) {
      expect(anonymous.status).toBe(operation.status);
      return;
    }
    expect(anonymous.status, "anonymous").toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("unauthorized");

    const lower = LOWER[operation.role];
    if (lower) {
      for (const headers of [callers[lower].bearer, { ...callers[lower].cookie, ...sameOriginHeaders() }]) {
        const answer = await call(operation, headers);
        expect(answer.status, `${lower} via ${Object.keys(headers)[0]}`).toBe(403);
      }
    }
    if (operation.method !== "get") {
      const foreign = await call(operation, { ...callers.admin.cookie, ...foreignOriginHeaders() });
      expect(foreign.status, "admin's cookie from a foreign origin").toBe(403);
      expect(((await foreign.json()) as { error: { message: string } }).error.message).toMatch(/another site/);
      const noOrigin = await call(operation, { ...callers.admin.cookie, host: CONSOLE_HOST });
      expect(noOrigin.status, "admin's cookie with no Origin").toBe(403);
    }
    expect(await database.prisma.auditEvent.count(), "nothing was changed").toBe(before);
  });
});
