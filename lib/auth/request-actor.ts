import { cookies, headers } from "next/headers";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { actorForApiToken } from "@/lib/api-tokens/actor-for-api-token";
import type { Actor } from "./actor";
import { actorForSession, SESSION_COOKIE } from "./sessions";

/**
 * The actor behind the current request: an `Authorization: Bearer` API token, else the session
 * cookie. Null when neither identifies an active user.
 */
export async function requestActor(prisma: PrismaClient): Promise<Actor | null> {
  const authorization = (await headers()).get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? actorForApiToken(prisma, match[1]!) : null;
  }
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  return session ? actorForSession(prisma, session) : null;
}
