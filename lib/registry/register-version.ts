import { createReadStream } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { modelNameSchema, versionNameSchema, type ManifestFile } from "@/lib/schemas/models";
import { deleteKeys, deletePrefix } from "@/lib/storage/delete-objects";
import { listObjects } from "@/lib/storage/list-objects";
import { headObject, openObjectStream } from "@/lib/storage/object-stream";
import { putObjectStream } from "@/lib/storage/put-object";
import { adoptedVersionOf, checkAdoptedVersion } from "./adopted-upload";
import { trainingTargetStore } from "./artifact-store";
import { DigestStream, digestOf } from "./file-digest";
import { completeRegistration, type CompletedFiles } from "./complete-registration";
import { mapConcurrent } from "./map-concurrent";
import { MANIFEST_FILE, isTarballName, manifestKey, parseS3Uri, registryStore, s3Uri, versionPrefix, type RegistryStore } from "./registry-store";
import { reserveAdoptedVersion, reserveVersion, type Reservation } from "./reserve-version";
import { resolveLineage } from "./resolve-lineage";
import { servingFieldsOf } from "./serving-manifest";
import { listTarball } from "./tarball-contents";

export interface RegisterVersionInput {
  teamId: string;
  modelName: string;
  /** The next integer version when absent. */
  version?: string;
  source:
    | { kind: "directory"; path: string } // files uploaded to <model>/<version>/
    | { kind: "object"; uri: string }; // an existing s3://bucket/key (tarball or prefix) recorded, not copied
  format?: string | null;
  metrics?: Record<string, number>;
  parameters?: Record<string, unknown>;
  runId?: string | null;
  datasetId?: string | null;
  datasetVersionId?: string | null;
  notes?: string | null;
  actor: { id: string | null; label: string };
}

export interface RegisteredVersion {
  modelName: string;
  version: string;
  storageUri: string;
}

const PARALLEL_FILES = 4;

export interface RegisterVersionDeps {
  prisma?: PrismaClient;
  store?: RegistryStore;
  /**
   * The client that reads an `object` source when it is not in the registry's object store (a
   * SageMaker artifact in the AWS account's own S3). The version then records that its files are
   * read with its run's target's client (`TrainingBackend.artifactClient`), so it needs `runId`.
   */
  sourceClient?: S3Client;
}

/**
 * Registers a model version: its files go to `<model>/<version>/` (or an existing object is
 * recorded where it is), each with its size and sha256, then `model.json` is written beside them,
 * the database mirror row is filled in and an audit event is recorded. Runs call it when they
 * succeed; the browser upload and `POST /api/v1/models/{name}/versions` end here too.
 *
 * An object already in one of the model's version folders of the registry's bucket (what
 * PaddleCloud's model hub Job uploads: `<model>/<N>/<model>.tar.gz`) is that version: N is taken
 * from its key, and a `version` that says otherwise is refused.
 */
export async function registerVersion(input: RegisterVersionInput, deps: RegisterVersionDeps = {}): Promise<RegisteredVersion> {
  const prisma = deps.prisma ?? (await openPrisma());
  const store = deps.store ?? registryStore();
  const modelName = parseInput(modelNameSchema, input.modelName);
  const requestedVersion = input.version === undefined ? undefined : parseInput(versionNameSchema, input.version);
  const source = input.source;
  // Another client than the store's own reads another store, even when a bucket name matches.
  const sourceClient = source.kind === "object" && deps.sourceClient && deps.sourceClient !== store.client ? deps.sourceClient : null;
  const adopted = source.kind === "object" && !sourceClient ? adoptedVersionOf(store, modelName, source.uri) : null;
  if (adopted && source.kind === "object") checkAdoptedVersion(adopted, requestedVersion, source.uri);
  const createdById = input.actor.id ? ((await prisma.user.findUnique({ where: { id: input.actor.id }, select: { id: true } }))?.id ?? null) : null;
  const lineage = await resolveLineage(prisma, input.teamId, input);
  const artifactStore = sourceClient && source.kind === "object" ? await trainingTargetStore(prisma, input.teamId, lineage.runId, source.uri) : null;

  const reservation: Reservation = adopted
    ? await reserveAdoptedVersion(prisma, store, { teamId: input.teamId, modelName, version: adopted.version, createdById, pending: { kind: "register", by: input.actor.label } })
    : await reserveVersion(prisma, store, { teamId: input.teamId, modelName, version: requestedVersion, createdById, pending: { kind: "register", by: input.actor.label } }).then(
        (row) => ({ row, release: () => prisma.modelVersion.delete({ where: { id: row.id } }).then(() => undefined) }),
      );
  const reserved = reservation.row;
  const prefix = versionPrefix(modelName, reserved.version);
  try {
    let collected: CompletedFiles;
    if (source.kind === "directory") {
      collected = { ...(await uploadDirectory(store, source.path, prefix)), storageUri: null };
    } else {
      const described = await describeObject(sourceClient ?? store.client, source.uri).catch((error: Error) => {
        if (error instanceof ConsoleError) throw error;
        throw new ConsoleError("unavailable", `Could not read ${source.uri}: ${error.name === "Error" ? "" : `${error.name}: `}${error.message}`);
      });
      collected = { ...described, serving: null, artifactStore };
    }
    if (collected.files.length === 0) throw new ConsoleError("bad_request", "The version has no files.");

    const completed = await completeRegistration(prisma, store, reserved, collected, {
      format: input.format,
      metrics: input.metrics,
      parameters: input.parameters,
      notes: input.notes,
      lineage,
      actor: input.actor,
      action: "model.version.register",
      auditDetails: {
        source: source.kind,
        runId: lineage.runId,
        ...(adopted ? { adopted: true } : {}),
        ...(artifactStore ? { artifactStore: artifactStore.target } : {}),
      },
    });
    return { modelName: completed.modelName, version: completed.version, storageUri: completed.storageUri };
  } catch (error) {
    // Leave nothing half-registered: the reserved number and what was written go away — but an
    // adopted folder's files are the uploader's, so of those only the model.json written here.
    if (source.kind === "directory") await deletePrefix(store.client, store.bucket, prefix).catch(() => undefined);
    else await deleteKeys(store.client, store.bucket, [manifestKey(modelName, reserved.version)]).catch(() => undefined);
    await reservation.release().catch(() => undefined);
    throw error;
  }
}

/** Uploads every file below `root`, hashing each as it streams; a tarball's entries are listed from disk. */
async function uploadDirectory(store: RegistryStore, root: string, prefix: string) {
  const paths = await walkFiles(root).catch((error: NodeJS.ErrnoException) => {
    throw new ConsoleError("bad_request", `Cannot read the folder ${root}: ${error.code ?? error.message}`);
  });
  // The registry writes its own model.json; an OCR runtime manifest found here is kept inside it.
  let serving: Record<string, unknown> | null = null;
  if (paths.includes(MANIFEST_FILE)) serving = servingFieldsOf(await readFile(path.join(root, MANIFEST_FILE), "utf8"));
  const uploads = paths.filter((p) => p !== MANIFEST_FILE);
  const files = await mapConcurrent(uploads, PARALLEL_FILES, async (relative): Promise<ManifestFile> => {
    const absolute = path.join(root, ...relative.split("/"));
    const digest = new DigestStream();
    const reading = createReadStream(absolute);
    reading.on("error", (error) => digest.destroy(error));
    await putObjectStream(store.client, store.bucket, `${prefix}${relative}`, reading.pipe(digest));
    const file: ManifestFile = { path: relative, size: digest.bytes, sha256: digest.sha256() };
    if (isTarballName(relative)) {
      const listing = await listTarball(createReadStream(absolute), relative).catch(() => null);
      if (listing) Object.assign(file, { contents: listing.entries, contentsTruncated: listing.truncated });
    }
    return file;
  });
  return { files, serving };
}

/**
 * An existing object or prefix, recorded where it is: each file is read once as a stream for its
 * sha256 (and, for a tarball, its entries), never copied.
 */
async function describeObject(client: S3Client, uri: string): Promise<{ files: ManifestFile[]; storageUri: string }> {
  const { bucket, key } = parseS3Uri(uri);
  const describe = async (objectKey: string, relative: string): Promise<ManifestFile> => {
    const { body } = await openObjectStream(client, bucket, objectKey);
    if (isTarballName(relative)) {
      const listing = await listTarball(body, relative);
      return { path: relative, size: listing.size, sha256: listing.sha256, contents: listing.entries, contentsTruncated: listing.truncated };
    }
    const { sha256, size } = await digestOf(body);
    return { path: relative, size, sha256 };
  };

  if (key === "" || key.endsWith("/")) {
    const keys: string[] = [];
    for await (const page of listObjects(client, bucket, key)) keys.push(...page.objects.map((o) => o.key).filter((k) => !k.endsWith("/")));
    if (keys.length === 0) throw new ConsoleError("not_found", `Nothing is stored under ${uri}.`);
    const files = await mapConcurrent(keys, PARALLEL_FILES, (objectKey) => describe(objectKey, objectKey.slice(key.length)));
    return { files, storageUri: s3Uri(bucket, key) };
  }
  if (!(await headObject(client, bucket, key))) throw new ConsoleError("not_found", `No object at ${uri}.`);
  return { files: [await describe(key, key.split("/").pop()!)], storageUri: s3Uri(bucket, key) };
}

/** Relative '/'-separated paths of every regular file below a folder, sorted. */
async function walkFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (dir: string, relative: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await visit(path.join(dir, entry.name), child);
      else if (entry.isFile()) found.push(child);
    }
  };
  await visit(root, "");
  return found.sort();
}
