import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import { RUN_INCLUDE, type RunRow } from "./run-view";

/** A run of the actor's team by id or by name (pages use names in URLs, the API either). */
export async function findRun(prisma: PrismaClient, actor: Pick<Actor, "teamId">, idOrName: string): Promise<RunRow> {
  const run = await prisma.trainingRun.findFirst({
    where: { teamId: actor.teamId, OR: [{ id: idOrName }, { name: idOrName }] },
    include: RUN_INCLUDE,
  });
  if (!run) throw new ConsoleError("not_found", `No run "${idOrName}".`);
  return run;
}
