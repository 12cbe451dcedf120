import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { filesStoreFor } from "./artifact-store";
import { findVersionOrThrow } from "./get-version";
import { registryStore, type RegistryStore } from "./registry-store";
import { tarballListing, versionFiles } from "./version-files";

/** A tarball's entries for the version page, from the manifest or by streaming the tarball once. */
export async function listTarballContents(prisma: PrismaClient, actor: Actor, modelName: string, version: string, filePath: string, store: RegistryStore = registryStore()) {
  const row = await findVersionOrThrow(prisma, actor, modelName, version);
  const files = await versionFiles(store, row);
  // Entries known from the manifest need no reading, so they show even where the files cannot be read.
  const known = files.some((f) => f.path === filePath && f.contents);
  const { entries, truncated } = await tarballListing(known ? store : await filesStoreFor(prisma, store, row), row, files, filePath);
  return { entries, truncated };
}
