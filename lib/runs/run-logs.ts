import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors/validation";
import type { LogLine } from "@/lib/providers/training";
import { logQuerySchema } from "@/lib/schemas/runs";
import { findRun } from "./find-run";
import { runRefOf, trainingBackendFor } from "./training-backend";

async function* nothing(): AsyncGenerator<LogLine> {}

/** The run's log lines from its target (query: logQuerySchema's input); with `follow` it ends when the run does or `signal` aborts. */
export async function runLogs(prisma: PrismaClient, actor: Actor, idOrName: string, rawQuery: unknown = {}, signal?: AbortSignal): Promise<AsyncIterable<LogLine>> {
  const query = parseInput(logQuerySchema, rawQuery ?? {});
  const run = await findRun(prisma, actor, idOrName);
  if (!run.externalId) return nothing(); // never launched: no logs anywhere
  const target = await prisma.target.findUniqueOrThrow({ where: { id: run.targetId } });
  return trainingBackendFor(target).logs(runRefOf(run), {
    follow: query.follow,
    since: query.since ? new Date(query.since) : undefined,
    stream: query.stream,
    previous: query.previous,
    signal,
  });
}

/** Names of the run's log streams (pods, CloudWatch streams, `train.log`). */
export async function runLogStreams(prisma: PrismaClient, actor: Actor, idOrName: string): Promise<string[]> {
  const run = await findRun(prisma, actor, idOrName);
  if (!run.externalId) return [];
  const target = await prisma.target.findUniqueOrThrow({ where: { id: run.targetId } });
  return trainingBackendFor(target).logStreams(runRefOf(run));
}
