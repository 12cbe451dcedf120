import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { datasetNameSchema } from "@/lib/schemas/datasets";

/** The team's dataset by name, or a not_found naming it. */
export async function findDatasetOrThrow(prisma: PrismaClient, actor: Pick<Actor, "teamId">, rawName: unknown) {
  const name = parseInput(datasetNameSchema, rawName);
  const dataset = await prisma.dataset.findUnique({
    where: { teamId_name: { teamId: actor.teamId, name } },
    include: { createdBy: { select: { email: true } } },
  });
  if (!dataset) throw new ConsoleError("not_found", `There is no dataset named "${name}" in your team.`);
  return dataset;
}
