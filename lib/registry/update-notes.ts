import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { modelNameSchema, updateNotesSchema, versionNameSchema } from "@/lib/schemas/models";
import { withModelLock } from "./model-lock";
import { registryStore, type RegistryStore } from "./registry-store";
import { readVersionManifest, writeVersionManifest } from "./version-manifest";

/**
 * Edits a version's notes. A version with a `model.json` in the bucket gets them written there
 * too (read fresh and rewritten under the model's lock, so nothing else in it is lost); other
 * versions keep them in the mirror only.
 */
export async function updateNotes(
  prisma: PrismaClient,
  actor: Actor,
  rawModelName: string,
  rawVersion: string,
  rawInput: unknown,
  store: RegistryStore = registryStore(),
): Promise<{ notes: string | null }> {
  const modelName = parseInput(modelNameSchema, rawModelName);
  const version = parseInput(versionNameSchema, rawVersion);
  const notes = parseInput(updateNotesSchema, rawInput).notes?.trim() || null;
  return withModelLock(prisma, actor.teamId, modelName, async (tx) => {
    const row = await tx.modelVersion.findUnique({ where: { teamId_modelName_version: { teamId: actor.teamId, modelName, version } } });
    if (!row) throw new ConsoleError("not_found", `No version ${version} of ${modelName}.`);
    let manifestColumn = row.manifest as Prisma.InputJsonValue;
    const stored = row.hasManifest ? await readVersionManifest(store, modelName, version) : null;
    if (stored) {
      const updated = { ...stored, notes };
      const etag = await writeVersionManifest(store, modelName, version, updated);
      manifestColumn = { ...updated, sourceEtag: etag } as unknown as Prisma.InputJsonValue;
    } else if (row.hasManifest) {
      manifestColumn = { ...(row.manifest as Record<string, unknown>), notes } as Prisma.InputJsonValue;
    }
    await tx.modelVersion.update({ where: { id: row.id }, data: { notes, manifest: manifestColumn } });
    await auditBy(tx, actor, { action: "model.version.notes", objectType: "model_version", objectId: row.id, details: { model: modelName, version } });
    return { notes };
  });
}
