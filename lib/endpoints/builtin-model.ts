import path from "node:path";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { builtinModelVersion, MODEL_FORMAT } from "@/lib/ocr/model-version";
import { digestOfFile } from "@/lib/registry/file-digest";
import { materializeVersion } from "@/lib/registry/materialize-version";
import type { RegistryStore } from "@/lib/registry/registry-store";
import type { VersionManifest } from "@/lib/schemas/models";
import { BUILTIN_MODEL } from "@/lib/schemas/endpoints";

export const BUILTIN_STORAGE_URI = "builtin://pp-ocrv4";
/** What the built-in version was called before the registry numbered it; renamed on start. */
const LEGACY_BUILTIN_VERSION = "builtin";

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * The PP-OCRv4 models shipped with the console, registered as `pp-ocrv4` version `1` of the team
 * (with a manifest of its files, sizes and sha256). A database from before the registry has it as
 * `pp-ocrv4:builtin`: that row is renamed in place, so the endpoints deployed on it keep working.
 */
export async function ensureBuiltinModelVersion(db: Db, teamId: string) {
  const key = (version: string) => ({ teamId_modelName_version: { teamId, modelName: BUILTIN_MODEL.modelName, version } });
  const existing = await db.modelVersion.findFirst({ where: { teamId, modelName: BUILTIN_MODEL.modelName, storageUri: BUILTIN_STORAGE_URI } });
  if (existing) {
    const rename = existing.version !== BUILTIN_MODEL.version && !(await db.modelVersion.findUnique({ where: key(BUILTIN_MODEL.version) }));
    if (!rename && existing.hasManifest) return existing;
    const version = rename ? BUILTIN_MODEL.version : existing.version;
    return db.modelVersion.update({
      where: { id: existing.id },
      data: { version, ...(rename || !existing.hasManifest ? await builtinManifestColumns(version) : {}) },
    });
  }
  // A team whose bucket already holds a `pp-ocrv4/1/` keeps it; the built-in models then go beside it.
  const version = (await db.modelVersion.findUnique({ where: key(BUILTIN_MODEL.version) })) ? LEGACY_BUILTIN_VERSION : BUILTIN_MODEL.version;
  return db.modelVersion.create({
    data: { teamId, modelName: BUILTIN_MODEL.modelName, version, storageUri: BUILTIN_STORAGE_URI, ...(await builtinManifestColumns(version)) },
  });
}

/** The built-in model's files as the registry shows them: name in the package, size and sha256. */
export function builtinModelFiles(): Array<{ path: string; absolutePath: string }> {
  const { files } = builtinModelVersion();
  return [files.detPath, files.recPath, files.clsPath!, files.dictPath].map((absolutePath) => ({ path: path.basename(absolutePath), absolutePath }));
}

async function builtinManifestColumns(version: string) {
  const builtin = builtinModelVersion();
  const files = await Promise.all(builtinModelFiles().map(async (file) => ({ path: file.path, ...(await digestOfFile(file.absolutePath)) })));
  const { name, description, source, language, parameters } = builtin.manifest;
  const serving = { name, description, source, language, parameters };
  const manifest: VersionManifest = {
    manifestVersion: 1,
    name: BUILTIN_MODEL.modelName,
    version,
    format: MODEL_FORMAT,
    storageUri: BUILTIN_STORAGE_URI,
    files,
    metrics: {},
    parameters: {},
    run: null,
    dataset: null,
    createdBy: { id: null, label: "system" },
    createdAt: null,
    notes: builtin.manifest.description ?? null,
    serving,
  };
  return {
    format: MODEL_FORMAT,
    manifest: manifest as unknown as Prisma.InputJsonValue,
    hasManifest: true,
    sizeBytes: files.reduce((sum, f) => sum + f.size, 0),
    fileCount: files.length,
    notes: manifest.notes,
  };
}

export interface ModelVersionRef {
  teamId: string;
  modelName: string;
  version: string;
  storageUri: string;
}

/**
 * Where a serving process finds a model version's files: "builtin" for the models shipped with the
 * console, a local folder for `file://` versions, and for versions in the object store a local copy
 * fetched (once, sha256-checked) by the registry — on local targets only: container targets read
 * the object store themselves and get the storage URI.
 *
 * The older form taking a storage URI alone answers without fetching (kept for callers not moved yet).
 */
export function modelSourceOf(storageUri: string): string;
export function modelSourceOf(version: ModelVersionRef, targetKind?: string, deps?: MaterializeDeps): Promise<string>;
export function modelSourceOf(version: ModelVersionRef | string, targetKind = "local", deps: MaterializeDeps = {}): string | Promise<string> {
  if (typeof version === "string") return directSource(version) ?? version;
  const direct = directSource(version.storageUri);
  if (direct !== null) return Promise.resolve(direct);
  if (targetKind !== "local") return Promise.resolve(version.storageUri);
  return materializeVersion(version.teamId, version.modelName, version.version, deps);
}

type MaterializeDeps = { prisma?: PrismaClient; store?: RegistryStore; cacheRoot?: string };

function directSource(storageUri: string): string | null {
  if (storageUri === BUILTIN_STORAGE_URI) return "builtin";
  if (storageUri.startsWith("file://")) return new URL(storageUri).pathname;
  return null;
}
