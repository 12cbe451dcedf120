import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { findVersionOrThrow } from "./get-version";
import { registryStore, type RegistryStore } from "./registry-store";
import { tarballListing, versionFiles } from "./version-files";

/** A tarball's entries for the version page, from the manifest or by streaming the tarball once. */
export async function listTarballContents(prisma: PrismaClient, actor: Actor, modelName: string, version: string, filePath: string, store: RegistryStore = registryStore()) {
  const row = await findVersionOrThrow(prisma, actor, modelName, version);
  const { entries, truncated } = await tarballListing(store, row, await versionFiles(store, row), filePath);
  return { entries, truncated };
}
