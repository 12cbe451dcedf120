import { cookies, headers } from "next/headers";
import { actorForApiToken } from "@/lib/api-tokens/actor-for-api-token";
import { prisma } from "@/lib/db";
import type { Actor } from "./actor";
import { actorForSession, SESSION_COOKIE } from "./sessions";

/**
 * The actor behind the current request: an `Authorization: Bearer` API token, else the session
 * cookie. Null when neither identifies an active user. The request is read before the database is
 * opened, so anonymous requests (and Next.js's build-time prerendering) never touch it.
 */
export async function requestActor(): Promise<Actor | null> {
  const authorization = (await headers()).get("authorization");
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? actorForApiToken(await prisma(), match[1]!) : null;
  }
  return session ? actorForSession(await prisma(), session) : null;
}
