import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError, isUniqueViolation } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { createDatasetSchema, type DatasetView } from "@/lib/schemas/datasets";
import { sealDatasetCredentials } from "./dataset-credentials";
import { consoleStoreUri, uploadPrefix } from "./dataset-source";
import { assertSourceAccessible } from "./source-access";
import { toDatasetView } from "./dataset-view";

/**
 * Registers a dataset for the actor's team. A dataset with `source: "upload"` gets its place in the
 * console's store now and its files from the archive uploaded next; credentials are sealed and only
 * their presence is ever shown again.
 */
export async function createDataset(prisma: PrismaClient, actor: Actor, rawInput: unknown): Promise<DatasetView> {
  const input = parseInput(createDatasetSchema, rawInput);
  if (input.source !== "upload" && input.sourceUri) await assertSourceAccessible(input.sourceUri, input.credentials, { teamId: actor.teamId }, { prisma });
  const credentialsCiphertext = input.source === "upload" ? null : sealDatasetCredentials(input.credentials);
  try {
    const dataset = await prisma.$transaction(async (tx) => {
      let created = await tx.dataset.create({
        data: {
          teamId: actor.teamId,
          name: input.name,
          task: input.task,
          sourceUri: input.sourceUri ?? "",
          trainLabelFile: input.trainLabelFile,
          testLabelFile: input.testLabelFile,
          dictionaryFile: input.dictionaryFile ?? null,
          useSpaceChar: input.useSpaceChar,
          credentialsCiphertext,
          description: input.description ?? null,
          createdById: actor.userId,
        },
        include: { createdBy: { select: { email: true } } },
      });
      if (input.source === "upload") {
        created = await tx.dataset.update({
          where: { id: created.id },
          data: { sourceUri: consoleStoreUri(uploadPrefix(created.id)) },
          include: { createdBy: { select: { email: true } } },
        });
      }
      await auditBy(tx, actor, {
        action: "dataset.create",
        objectType: "dataset",
        objectId: created.id,
        details: { name: created.name, task: created.task, source: input.source, sourceUri: created.sourceUri, credentials: credentialsCiphertext !== null },
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
