import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ConsoleError, isUniqueViolation } from "@/lib/errors/console-error";
import { s3Uri, versionPrefix, type RegistryStore } from "./registry-store";

/** What a reserved (still uploading) version row carries in its `manifest` column until it is complete. */
export interface PendingVersion {
  kind: "register" | "upload";
  startedAt: string;
  [key: string]: unknown;
}

export function pendingOf(manifest: unknown): PendingVersion | null {
  const pending = (manifest as { pending?: unknown } | null)?.pending;
  return pending && typeof pending === "object" ? (pending as PendingVersion) : null;
}

/**
 * Claims a version number for a new version before its files are written: the database's unique
 * (team, model, version) makes two writers never get the same number, and a folder that other
 * tools already wrote in the bucket (not mirrored yet) is skipped. With no version given, the next
 * integer after the highest numbered one is taken.
 */
export async function reserveVersion(
  prisma: PrismaClient,
  store: RegistryStore,
  input: { teamId: string; modelName: string; version?: string | null; createdById?: string | null; pending: Omit<PendingVersion, "startedAt"> },
) {
  const data = (version: string) => ({
    teamId: input.teamId,
    modelName: input.modelName,
    version,
    storageUri: s3Uri(store.bucket, versionPrefix(input.modelName, version)),
    createdById: input.createdById ?? null,
    manifest: { pending: { ...input.pending, startedAt: new Date().toISOString() } } as Prisma.InputJsonValue,
    hasManifest: false,
  });

  if (input.version) {
    const taken = () => new ConsoleError("conflict", `Version ${input.version} of ${input.modelName} already exists.`, { version: ["This version exists"] });
    if (await prefixHasObjects(store, versionPrefix(input.modelName, input.version))) throw taken();
    try {
      return await prisma.modelVersion.create({ data: data(input.version) });
    } catch (error) {
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
  }

  let next = (await highestNumberedVersion(prisma, input.teamId, input.modelName)) + 1;
  for (let attempt = 0; attempt < 200; attempt += 1, next += 1) {
    if (await prefixHasObjects(store, versionPrefix(input.modelName, String(next)))) continue;
    try {
      return await prisma.modelVersion.create({ data: data(String(next)) });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new ConsoleError("conflict", `Could not find a free version number for ${input.modelName}; name the version.`);
}

async function highestNumberedVersion(prisma: PrismaClient, teamId: string, modelName: string): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<Array<{ highest: string | number | null }>>(
    `SELECT max(version::numeric) AS highest FROM "ModelVersion" WHERE "teamId" = $1 AND "modelName" = $2 AND version ~ '^[0-9]{1,15}$'`,
    teamId,
    modelName,
  );
  return Number(rows[0]?.highest ?? 0);
}

async function prefixHasObjects(store: RegistryStore, prefix: string): Promise<boolean> {
  const page = await store.client.send(new ListObjectsV2Command({ Bucket: store.bucket, Prefix: prefix, MaxKeys: 1 }));
  return (page.Contents?.length ?? 0) > 0;
}
