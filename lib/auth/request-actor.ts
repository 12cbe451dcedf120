import { headers } from "next/headers";
import { RequestCookies } from "next/dist/server/web/spec-extension/cookies";
import { actorForApiToken } from "@/lib/api-tokens/actor-for-api-token";
import { prisma } from "@/lib/db";
import type { Actor } from "./actor";
import { actorForSession, SESSION_COOKIE } from "./sessions";

/** How a request identifies its caller: an `Authorization: Bearer` API token, or the session cookie. */
export type Credential = { kind: "api-token"; secret: string } | { kind: "session"; token: string } | { kind: "malformed" } | null;

export function requestCredential(requestHeaders: Headers): Credential {
  const authorization = requestHeaders.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? { kind: "api-token", secret: match[1]! } : { kind: "malformed" };
  }
  const token = new RequestCookies(requestHeaders).get(SESSION_COOKIE)?.value;
  return token ? { kind: "session", token } : null;
}

/**
 * The actor behind a request's headers, or null when they identify no active user. The headers
 * are read before the database is opened, so anonymous requests (and Next.js's build-time
 * prerendering) never touch it.
 */
export async function actorForRequestHeaders(requestHeaders: Headers): Promise<Actor | null> {
  const credential = requestCredential(requestHeaders);
  if (!credential || credential.kind === "malformed") return null;
  if (credential.kind === "api-token") return actorForApiToken(await prisma(), credential.secret);
  return actorForSession(await prisma(), credential.token);
}

/** The actor behind the request being rendered or the server action being run. */
export async function requestActor(): Promise<Actor | null> {
  return actorForRequestHeaders(await headers());
}
