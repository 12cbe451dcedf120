import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { CONSOLE_HOST, foreignOriginHeaders, sameOriginHeaders } from "./callers";
import { consoleUnderTest } from "./console-under-test";

// Every "use server" module, walked: each exported action is an authorizedAction (so it carries
// the role it needs) and refuses anonymous callers, callers below that role, and calls from
// another origin — before it runs. The headers are the ones Next.js would hand the action.

let requestHeaders = new Headers();
vi.mock("next/headers", () => ({
  headers: async () => requestHeaders,
  cookies: async () => ({ get: () => undefined, set: () => undefined, delete: () => undefined }),
}));

const ROOT = path.resolve(import.meta.dirname, "../..");
// Actions a caller uses to stop being anonymous, or to stop being signed in.
const OPEN_ACTIONS = new Set(["signInAction", "signOutAction"]);

function serverModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : serverModules(full);
    return /\.tsx?$/.test(entry.name) && /^\s*["']use server["']/.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

type Action = ((input: unknown) => Promise<{ ok: boolean; error?: string }>) & { requiredRole?: Role };

const harness = consoleUnderTest();
const actions: Array<{ name: string; action: Action }> = [];

beforeAll(async () => {
  for (const file of [...serverModules(path.join(ROOT, "app")), ...serverModules(path.join(ROOT, "components"))]) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === "function") actions.push({ name: `${path.relative(ROOT, file)}#${name}`, action: value as Action });
    }
  }
}, 120_000);


const LOWER: Record<Role, Role | null> = { viewer: null, editor: "viewer", admin: "editor" };

async function run(action: Action, headers: Record<string, string>) {
  requestHeaders = new Headers(headers);
  return action({});
}

describe("every server action", () => {
  it("is an authorizedAction, unless it is how a caller signs in or out", () => {
    expect(actions.length).toBeGreaterThan(40);
    for (const { name, action } of actions) {
      if (OPEN_ACTIONS.has(name.split("#")[1]!)) continue;
      expect(action.requiredRole, `${name} is not made with authorizedAction`).toBeDefined();
    }
  });

  it("refuses anonymous callers, lower roles and other origins before it runs", async () => {
    const before = await harness.database.prisma.auditEvent.count();
    for (const { name, action } of actions) {
      const role = action.requiredRole;
      if (!role) continue;
      const anonymous = await run(action, sameOriginHeaders());
      expect(anonymous, `${name} anonymous`).toMatchObject({ ok: false, error: expect.stringMatching(/session has ended/) });
      const lower = LOWER[role];
      if (lower) {
        const answer = await run(action, { ...harness.callers[lower].cookie, ...sameOriginHeaders() });
        expect(answer, `${name} as ${lower}`).toMatchObject({ ok: false, error: expect.stringMatching(new RegExp(`need the ${role} role`)) });
      }
      const foreign = await run(action, { ...harness.callers.admin.cookie, ...foreignOriginHeaders() });
      expect(foreign, `${name} from another origin`).toMatchObject({ ok: false, error: expect.stringMatching(/another site/) });
      const noOrigin = await run(action, { ...harness.callers.admin.cookie, host: CONSOLE_HOST });
      expect(noOrigin, `${name} with no origin`).toMatchObject({ ok: false, error: expect.stringMatching(/another site/) });
    }
    expect(await harness.database.prisma.auditEvent.count(), "nothing was changed").toBe(before);
  });
});
