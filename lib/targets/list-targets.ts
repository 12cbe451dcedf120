import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { TargetView } from "@/lib/schemas/targets";
import { toTargetView } from "./target-view";

/** A team has a handful of targets, so they come unpaginated, `local` first. */
export async function listTargets(prisma: PrismaClient, actor: Actor): Promise<TargetView[]> {
  const targets = await prisma.target.findMany({ where: { teamId: actor.teamId }, orderBy: { createdAt: "asc" } });
  return targets.map(toTargetView).sort((a, b) => Number(b.kind === "local") - Number(a.kind === "local"));
}
