import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { MODEL_FORMAT } from "@/lib/ocr/model-version";
import { BUILTIN_MODEL } from "@/lib/schemas/endpoints";

export const BUILTIN_STORAGE_URI = "builtin://pp-ocrv4";

/** The PP-OCRv4 models shipped with the console, registered as a model version of the team. */
export function ensureBuiltinModelVersion(db: PrismaClient | Prisma.TransactionClient, teamId: string) {
  return db.modelVersion.upsert({
    where: { teamId_modelName_version: { teamId, modelName: BUILTIN_MODEL.modelName, version: BUILTIN_MODEL.version } },
    create: {
      teamId,
      modelName: BUILTIN_MODEL.modelName,
      version: BUILTIN_MODEL.version,
      storageUri: BUILTIN_STORAGE_URI,
      format: MODEL_FORMAT,
      metrics: {},
    },
    update: {},
  });
}

/** Where a serving process finds a model version's files. */
export function modelSourceOf(storageUri: string): string {
  if (storageUri === BUILTIN_STORAGE_URI) return "builtin";
  if (storageUri.startsWith("file://")) return new URL(storageUri).pathname;
  // Versions in the object store are fetched into the local cache by the model registry (its issue).
  return storageUri;
}
