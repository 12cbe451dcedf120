import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { RunWorkloads } from "@/lib/providers/training";
import { findRun } from "./find-run";
import { runRefOf, trainingBackendFor } from "./training-backend";

/** The run's volume and pods by role with restarts, where its target runs it on a cluster; none elsewhere. */
export async function runWorkloads(prisma: PrismaClient, actor: Actor, idOrName: string): Promise<RunWorkloads> {
  const run = await findRun(prisma, actor, idOrName);
  const backend = trainingBackendFor(await prisma.target.findUniqueOrThrow({ where: { id: run.targetId } }));
  if (!backend.workloads || !run.externalId) return { volume: null, pods: [] };
  return backend.workloads(runRefOf(run));
}
