import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { RunEventView } from "@/lib/schemas/runs";
import { findRun } from "./find-run";

/** The run's transitions, oldest first. */
export async function runEvents(prisma: PrismaClient, actor: Actor, idOrName: string): Promise<RunEventView[]> {
  const run = await findRun(prisma, actor, idOrName);
  const events = await prisma.runEvent.findMany({ where: { runId: run.id }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return events.map((event) => ({ at: event.at.toISOString(), state: event.state, phase: event.phase, reason: event.reason, message: event.message }));
}
