import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { operationKey } from "@/lib/api/find-operation";
import { apiOperations, type ApiOperation } from "@/lib/api/operations";
import { CONSOLE_HOST, foreignOriginHeaders, sameOriginHeaders } from "./callers";
import { consoleUnderTest } from "./console-under-test";
import { callOperation, routePathOf } from "./routes";

// Every route file under app/api, walked: each one is described in the operation list (and so in
// the OpenAPI document), refuses anonymous callers, callers below the operation's role, and
// cookie-carrying writes from another origin — before it does anything.

// Routes outside /api/v1 with their own rule, each tested where it is written.
const UNDESCRIBED = new Map([["/api/health", "anonymous callers get a bare status (lib/health tests)"]]);

const harness = consoleUnderTest({ routes: true });

function call(operation: ApiOperation, headers: Record<string, string>): Promise<Response> {
  const writes = operation.method !== "get";
  return callOperation(harness.routes, operationKey(operation), { headers: { ...headers, ...(writes ? { "content-type": "application/json" } : {}) }, body: writes ? "{}" : undefined });
}

const LOWER: Record<Role, Role | null> = { viewer: null, editor: "viewer", admin: "editor" };

describe("every route under app/api", () => {
  it("is described in the operation list, and every described operation has a route", () => {
    const described = new Set(apiOperations.map((operation) => `${operation.method.toUpperCase()} ${routePathOf(operation)}`));
    const served: string[] = [];
    for (const route of harness.routes) {
      for (const method of Object.keys(route.handlers)) {
        const key = `${method} ${route.apiPath}`;
        served.push(key);
        if (!UNDESCRIBED.has(route.apiPath)) expect(described, `${key} (${route.file}) is not in lib/api/operations`).toContain(key);
      }
    }
    for (const key of described) expect(served, `${key} is described but no route serves it`).toContain(key);
    const keys = apiOperations.map(operationKey);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index), "operations described twice").toEqual([]);
    expect(harness.routes.length).toBeGreaterThan(50);
  });

  it.each(apiOperations.map((operation) => [operationKey(operation), operation] as const))("%s refuses callers it must refuse", async (_key, operation) => {
    const before = await harness.database.prisma.auditEvent.count();
    const anonymous = await call(operation, sameOriginHeaders());
    if (operation.public) {
      expect(anonymous.status).toBe(operation.status);
      return;
    }
    expect(anonymous.status, "anonymous").toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("unauthorized");

    const lower = LOWER[operation.role];
    if (lower) {
      for (const headers of [harness.callers[lower].bearer, { ...harness.callers[lower].cookie, ...sameOriginHeaders() }]) {
        const answer = await call(operation, headers);
        expect(answer.status, `${lower} via ${Object.keys(headers)[0]}`).toBe(403);
      }
    }
    if (operation.method !== "get") {
      const foreign = await call(operation, { ...harness.callers.admin.cookie, ...foreignOriginHeaders() });
      expect(foreign.status, "admin's cookie from a foreign origin").toBe(403);
      expect(((await foreign.json()) as { error: { message: string } }).error.message).toMatch(/another site/);
      const noOrigin = await call(operation, { ...harness.callers.admin.cookie, host: CONSOLE_HOST });
      expect(noOrigin.status, "admin's cookie with no Origin").toBe(403);
    }
    expect(await harness.database.prisma.auditEvent.count(), "nothing was changed").toBe(before);
  });
});
