import type { PrismaClient, Target } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import type { TrainingReadiness } from "./run-contract";
import { trainingBackendFor } from "./training-backend";

async function readinessOf(target: Target): Promise<TrainingReadiness> {
  try {
    const { ok, message } = await trainingBackendFor(target).readiness();
    return { target: target.name, kind: target.kind, ok, message };
  } catch (error) {
    return { target: target.name, kind: target.kind, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Each of the team's targets and whether it can train now, checked (for the new-run form's target picker). */
export async function trainingTargets(prisma: PrismaClient, actor: Actor): Promise<TrainingReadiness[]> {
  const targets = await prisma.target.findMany({ where: { teamId: actor.teamId }, orderBy: { name: "asc" } });
  return Promise.all(targets.map(readinessOf));
}

/** Whether one target can train now. */
export async function trainingReadiness(prisma: PrismaClient, actor: Actor, targetName: string): Promise<TrainingReadiness> {
  const target = await prisma.target.findUnique({ where: { teamId_name: { teamId: actor.teamId, name: targetName } } });
  if (!target) throw new ConsoleError("not_found", `No target named "${targetName}".`);
  return readinessOf(target);
}
