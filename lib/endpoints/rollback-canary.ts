import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { EndpointView } from "@/lib/schemas/endpoints";
import { endCanary } from "./end-canary";

/** Ends a canary release against it: the canary is retired and the primary takes all traffic again. */
export function rollbackCanary(prisma: PrismaClient, actor: Actor, name: string, rawInput: unknown = {}): Promise<EndpointView> {
  return endCanary(prisma, actor, name, "rollback", rawInput);
}
