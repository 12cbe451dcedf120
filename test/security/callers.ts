import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { SESSION_COOKIE, createSession } from "@/lib/auth/sessions";
import { seedActor } from "@/test/support/seed";

export const CONSOLE_HOST = "console.test:3000";
export const CONSOLE_ORIGIN = `http://${CONSOLE_HOST}`;
/** Another port of the same host: the origin the reviewed CSRF attack came from. */
export const FOREIGN_ORIGIN = "http://console.test:8080";

export interface Caller {
  role: Role;
  bearer: Record<string, string>;
  cookie: Record<string, string>;
}

/** One user per role in one team, each with an API token and a browser session. */
export async function seedCallers(prisma: PrismaClient): Promise<Record<Role, Caller>> {
  const admin = await seedActor(prisma, "admin");
  const callers = {} as Record<Role, Caller>;
  for (const role of ["viewer", "editor", "admin"] as const) {
    const actor = role === "admin" ? admin : await seedActor(prisma, role, admin.teamId);
    const { secret } = await createApiToken(prisma, actor, { name: `walk ${role}` });
    const session = await createSession(prisma, actor.userId);
    callers[role] = {
      role,
      bearer: { authorization: `Bearer ${secret}` },
      cookie: { cookie: `${SESSION_COOKIE}=${session.token}` },
    };
  }
  return callers;
}

/** Headers a browser page of the console's own sends with a write. */
export function sameOriginHeaders(): Record<string, string> {
  return { host: CONSOLE_HOST, origin: CONSOLE_ORIGIN, "sec-fetch-site": "same-origin" };
}

export function foreignOriginHeaders(): Record<string, string> {
  return { host: CONSOLE_HOST, origin: FOREIGN_ORIGIN, "sec-fetch-site": "same-site" };
}
