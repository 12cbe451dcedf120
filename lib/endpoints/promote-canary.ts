import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { EndpointView } from "@/lib/schemas/endpoints";
import { endCanary } from "./end-canary";

/** Ends a canary release in its favour: the canary becomes the primary at 100 %, the old primary is retired. */
export function promoteCanary(prisma: PrismaClient, actor: Actor, name: string, rawInput: unknown = {}): Promise<EndpointView> {
  return endCanary(prisma, actor, name, "promote", rawInput);
}
