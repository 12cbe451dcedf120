import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { ModelVersion, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ConsoleError, isUniqueViolation } from "@/lib/errors/console-error";
import { headObject } from "@/lib/storage/object-stream";
import { manifestKey, s3Uri, versionPrefix, type RegistryStore } from "./registry-store";

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

/**
 * The number a tool that uploads into the bucket itself should use for its next version (the
 * Kubernetes model hub Job writes `<model>/<N>/` before registerVersion adopts it): the next
 * integer after the highest mirrored one whose folder is still empty. Nothing is reserved, so the
 * registration may still be refused if another writer takes the number first.
 */
export async function nextFreeVersion(prisma: PrismaClient, store: RegistryStore, teamId: string, modelName: string): Promise<string> {
  let next = (await highestNumberedVersion(prisma, teamId, modelName)) + 1;
  for (let attempt = 0; attempt < 200 && (await prefixHasObjects(store, versionPrefix(modelName, String(next)))); attempt += 1) next += 1;
  return String(next);
}

/** A reserved version row and how to give it back when the registration fails. */
export interface Reservation {
  row: ModelVersion;
  release(): Promise<void>;
}

/**
 * Claims version `input.version` for files another tool already put in its folder (PaddleCloud's
 * model hub Job uploads `<model>/<N>/<model>.tar.gz` before the console registers it), so unlike
 * reserveVersion the folder may hold objects — but not a `model.json`: that folder is a registered
 * version already. A mirror row a rescan made for the folder meanwhile (no manifest, not uploading)
 * is taken over rather than refused, with a conditional write so only one writer gets it; release()
 * puts such a row back as it was instead of deleting it.
 */
export async function reserveAdoptedVersion(
  prisma: PrismaClient,
  store: RegistryStore,
  input: { teamId: string; modelName: string; version: string; createdById?: string | null; pending: Omit<PendingVersion, "startedAt"> },
): Promise<Reservation> {
  const { teamId, modelName, version } = input;
  const taken = () => new ConsoleError("conflict", `Version ${version} of ${modelName} already exists.`, { version: ["This version exists"] });
  if (await headObject(store.client, store.bucket, manifestKey(modelName, version))) throw taken();
  const pending = { pending: { ...input.pending, startedAt: new Date().toISOString() } } as Prisma.InputJsonValue;
  try {
    const row = await prisma.modelVersion.create({
      data: { teamId, modelName, version, storageUri: s3Uri(store.bucket, versionPrefix(modelName, version)), createdById: input.createdById ?? null, manifest: pending, hasManifest: false },
    });
    return { row, release: () => prisma.modelVersion.delete({ where: { id: row.id } }).then(() => undefined) };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const mirrored = await prisma.modelVersion.findUnique({ where: { teamId_modelName_version: { teamId, modelName, version } } });
  if (!mirrored || mirrored.hasManifest || pendingOf(mirrored.manifest)) throw taken();
  // updatedAt changes with every write, so this succeeds for one writer only.
  const claimed = await prisma.modelVersion.updateMany({
    where: { id: mirrored.id, hasManifest: false, updatedAt: mirrored.updatedAt },
    data: { manifest: pending, createdById: input.createdById ?? null },
  });
  if (claimed.count !== 1) throw taken();
  const row = await prisma.modelVersion.findUniqueOrThrow({ where: { id: mirrored.id } });
  return {
    row,
    release: () =>
      prisma.modelVersion
        .update({ where: { id: mirrored.id }, data: { manifest: mirrored.manifest as Prisma.InputJsonValue, createdById: mirrored.createdById } })
        .then(() => undefined),
  };
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
