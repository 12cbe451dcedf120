import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError, isUniqueViolation } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { createDatasetSchema, type DatasetView } from "@/lib/schemas/datasets";
import { toDatasetView } from "./dataset-view";

/** Registers a dataset for the actor's team. Validation of its label files comes in a later step. */
export async function createDataset(prisma: PrismaClient, actor: Actor, rawInput: unknown): Promise<DatasetView> {
  const input = parseInput(createDatasetSchema, rawInput);
  try {
    const dataset = await prisma.$transaction(async (tx) => {
      const created = await tx.dataset.create({
        data: { ...input, teamId: actor.teamId, createdById: actor.userId },
        include: { createdBy: { select: { email: true } } },
      });
      await auditBy(tx, actor, {
        action: "dataset.create",
        objectType: "dataset",
        objectId: created.id,
        details: { name: created.name, task: created.task, sourceUri: created.sourceUri },
      });
      return created;
    });
    return toDatasetView(dataset);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConsoleError("conflict", `A dataset named "${input.name}" already exists.`, {
        name: ["This name is taken in your team"],
      });
    }
    throw error;
  }
}
