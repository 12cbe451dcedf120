import { Readable } from "node:stream";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import { filesStoreFor } from "./artifact-store";
import { findVersionOrThrow } from "./get-version";
import { registryStore, type RegistryStore } from "./registry-store";
import { fileLocation, openFile, versionFiles } from "./version-files";

/**
 * One file of a version as a web stream, for the download route: the console reads it from the
 * object store with its own credentials (or the training target's, for files left in its storage)
 * and streams it on, so the browser never sees either.
 */
export async function downloadVersionFile(
  prisma: PrismaClient,
  actor: Actor,
  modelName: string,
  version: string,
  filePath: string,
  signal?: AbortSignal,
  store: RegistryStore = registryStore(),
): Promise<{ body: ReadableStream; size: number; name: string }> {
  const row = await findVersionOrThrow(prisma, actor, modelName, version);
  const location = fileLocation(row, await versionFiles(store, row), filePath);
  if (!location) throw new ConsoleError("not_found", `${modelName}:${version} has no file ${filePath}.`);
  const { body, size } = await openFile(await filesStoreFor(prisma, store, row), location, signal);
  signal?.addEventListener("abort", () => body.destroy(), { once: true });
  return { body: Readable.toWeb(body) as ReadableStream, size, name: filePath.split("/").pop()! };
}
