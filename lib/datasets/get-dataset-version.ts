import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import type { DatasetVersionDetail } from "@/lib/schemas/datasets";
import { getConsoleObject } from "@/lib/storage/console-objects";
import { emailsOf, toDatasetVersionDetail } from "./dataset-version-view";
import { findDatasetOrThrow } from "./find-dataset";

const versionNumberSchema = z.coerce.number().int("A version is a whole number").positive("Versions start at 1");

/** One version of a dataset with its full validation report and statistics. */
export async function getDatasetVersion(prisma: PrismaClient, actor: Actor, rawName: unknown, rawVersion: unknown): Promise<DatasetVersionDetail> {
  const dataset = await findDatasetOrThrow(prisma, actor, rawName);
  const version = parseInput(versionNumberSchema, rawVersion);
  const row = await prisma.datasetVersion.findUnique({ where: { datasetId_version: { datasetId: dataset.id, version } } });
  if (!row) throw new ConsoleError("not_found", `Dataset ${dataset.name} has no version ${version}.`);
  return toDatasetVersionDetail(row, await emailsOf(prisma, [row]));
}

/** The version's manifest as stored (JSON `{ files: [{ path, size, sha256 }] }`), streamed from the store. */
export async function openDatasetManifest(prisma: PrismaClient, actor: Actor, rawName: unknown, rawVersion: unknown): Promise<{ body: ReadableStream }> {
  const version = await getDatasetVersion(prisma, actor, rawName, rawVersion);
  if (!version.manifestKey) throw new ConsoleError("not_found", `Version ${version.version} has no manifest.`);
  return getConsoleObject(version.manifestKey);
}
