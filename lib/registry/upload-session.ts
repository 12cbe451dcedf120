import { createHash } from "node:crypto";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import type { ModelVersion, PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { actorLabel } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import {
  completeUploadSchema,
  createUploadSchema,
  modelNameSchema,
  UPLOAD_PART_SIZE,
  type ManifestFile,
  type UploadSession,
} from "@/lib/schemas/models";
import { deletePrefix } from "@/lib/storage/delete-objects";
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, uploadPart as storePart } from "@/lib/storage/multipart-upload";
import { openObjectStream, readObjectText } from "@/lib/storage/object-stream";
import { putObjectText } from "@/lib/storage/put-object";
import { CONSOLE_PREFIX } from "@/lib/storage/console-objects";
import { completeRegistration } from "./complete-registration";
import type { RegisteredVersion } from "./register-version";
import { digestOf } from "./file-digest";
import { mapConcurrent } from "./map-concurrent";
import { MANIFEST_FILE, isTarballName, registryStore, versionPrefix, type RegistryStore } from "./registry-store";
import { pendingOf, reserveVersion, type PendingVersion } from "./reserve-version";
import { servingFieldsOf } from "./serving-manifest";
import { listTarball } from "./tarball-contents";

// A version uploaded from the browser, file by file and part by part, through the console (which
// alone holds the object store's credentials): create → send parts (any order, retried or resumed
// at will) → complete. The session is the reserved version row; its state lives in the row's
// `manifest.pending` until completion replaces it with the real manifest.

interface UploadFileState {
  path: string;
  size: number;
  key: string;
  /** S3 multipart upload id; null for empty files, written whole at completion. */
  uploadId: string | null;
  partCount: number;
}

interface UploadState extends PendingVersion {
  kind: "upload";
  by: string;
  partSize: number;
  files: UploadFileState[];
  /** `<file index>:<part number>` → stored part; written one key at a time (see recordPart). */
  parts: Record<string, { etag: string; size: number }>;
  format: string | null;
  metrics: Record<string, number>;
  notes: string | null;
}

/** Announces the files of a new version and opens an S3 multipart upload for each. */
export async function createUpload(
  prisma: PrismaClient,
  actor: Actor,
  rawModelName: string,
  rawInput: unknown,
  store: RegistryStore = registryStore(),
): Promise<UploadSession> {
  const modelName = parseInput(modelNameSchema, rawModelName);
  const input = parseInput(createUploadSchema, rawInput);
  const reserved = await reserveVersion(prisma, store, {
    teamId: actor.teamId,
    modelName,
    version: input.version,
    createdById: actor.userId,
    pending: { kind: "upload", by: actorLabel(actor) },
  });
  try {
    const prefix = versionPrefix(modelName, reserved.version);
    const files = await mapConcurrent(input.files, 8, async (file): Promise<UploadFileState> => {
      // The uploaded model.json (the OCR runtime's) waits aside: the registry's own takes its name.
      const key = file.path === MANIFEST_FILE ? `${CONSOLE_PREFIX}uploads/${reserved.id}/${MANIFEST_FILE}` : `${prefix}${file.path}`;
      const partCount = Math.ceil(file.size / UPLOAD_PART_SIZE);
      return { path: file.path, size: file.size, key, partCount, uploadId: partCount > 0 ? await createMultipartUpload(store.client, store.bucket, key) : null };
    });
    const state: UploadState = {
      kind: "upload",
      by: actorLabel(actor),
      startedAt: new Date().toISOString(),
      partSize: UPLOAD_PART_SIZE,
      files,
      parts: {},
      format: input.format ?? null,
      metrics: input.metrics ?? {},
      notes: input.notes ?? null,
    };
    const row = await prisma.modelVersion.update({ where: { id: reserved.id }, data: { manifest: { pending: state } as never } });
    await auditBy(prisma, actor, { action: "model.upload.start", objectType: "model_version", objectId: row.id, details: { model: modelName, version: row.version, files: files.length } });
    return toSession(row, state);
  } catch (error) {
    await prisma.modelVersion.delete({ where: { id: reserved.id } }).catch(() => undefined);
    throw error;
  }
}

/** Where an upload stands: which parts of which files are stored, so a resumed upload sends only the rest. */
export async function getUpload(prisma: PrismaClient, actor: Actor, modelName: string, uploadId: string): Promise<UploadSession> {
  const { row, state } = await loadUpload(prisma, actor, modelName, uploadId);
  return toSession(row, state);
}

/**
 * Stores one part. Its length must be exactly the part's share of the file, and when the browser
 * sends the part's sha256 it is checked first: a damaged part is refused (and can be sent again)
 * rather than found only at the end.
 */
export async function uploadPart(
  prisma: PrismaClient,
  actor: Actor,
  modelName: string,
  uploadId: string,
  fileIndex: number,
  partNumber: number,
  body: Uint8Array,
  partSha256: string | null,
  store: RegistryStore = registryStore(),
): Promise<{ partNumber: number; size: number }> {
  const { state } = await loadUpload(prisma, actor, modelName, uploadId);
  const file = state.files[fileIndex];
  if (!file || !Number.isInteger(fileIndex)) throw new ConsoleError("not_found", `The upload has no file #${fileIndex}.`);
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > file.partCount || !file.uploadId) {
    throw new ConsoleError("bad_request", `${file.path} has parts 1 to ${file.partCount}; got part ${partNumber}.`);
  }
  const expected = partNumber < file.partCount ? state.partSize : file.size - state.partSize * (file.partCount - 1);
  if (body.byteLength !== expected) {
    throw new ConsoleError("bad_request", `Part ${partNumber} of ${file.path} must be ${expected} bytes; ${body.byteLength} arrived. Send it again.`);
  }
  if (partSha256) {
    const actual = createHash("sha256").update(body).digest("hex");
    if (actual !== partSha256.toLowerCase()) {
      throw new ConsoleError("unprocessable", `Part ${partNumber} of ${file.path} arrived damaged (sha256 ${actual}, expected ${partSha256}). Send it again.`);
    }
  }
  const etag = await storePart(store.client, store.bucket, file.key, file.uploadId, partNumber, body);
  await recordPart(prisma, uploadId, `${fileIndex}:${partNumber}`, { etag, size: body.byteLength });
  return { partNumber, size: body.byteLength };
}

/**
 * Finishes the upload: every part must be there; each file is assembled, read back from the object
 * store and its sha256 compared with the one the browser computed, then the version is registered.
 * A mismatch discards the upload: what is stored is not what was chosen.
 */
export async function completeUpload(
  prisma: PrismaClient,
  actor: Actor,
  modelName: string,
  uploadId: string,
  rawInput: unknown,
  store: RegistryStore = registryStore(),
): Promise<RegisteredVersion> {
  const input = parseInput(completeUploadSchema, rawInput);
  const { row, state } = await loadUpload(prisma, actor, modelName, uploadId);
  const declared = new Map(input.files.map((f) => [f.path, f.sha256]));
  const missing = state.files.flatMap((file, index) => missingParts(state, index).map((n) => `${file.path} part ${n}`));
  if (missing.length > 0) {
    throw new ConsoleError("conflict", `${missing.length} part(s) are not uploaded yet (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}); resume the upload.`);
  }
  const undeclared = state.files.filter((f) => !declared.has(f.path)).map((f) => f.path);
  if (undeclared.length > 0) throw new ConsoleError("bad_request", `Give the sha256 of ${undeclared.join(", ")}.`);

  await mapConcurrent(state.files, 4, async (file, index) => {
    if (!file.uploadId) return void (await putObjectText(store.client, store.bucket, file.key, "", "application/octet-stream"));
    const parts = Array.from({ length: file.partCount }, (_, i) => ({ partNumber: i + 1, etag: state.parts[`${index}:${i + 1}`]!.etag }));
    await completeMultipartUpload(store.client, store.bucket, file.key, file.uploadId, parts);
  });

  let serving: Record<string, unknown> | null = null;
  const files: ManifestFile[] = [];
  const mismatches: string[] = [];
  const checked = await mapConcurrent(state.files, 4, async (file) => {
    if (file.path === MANIFEST_FILE) {
      const text = (await readObjectText(store.client, store.bucket, file.key)) ?? "";
      serving = servingFieldsOf(text);
      const sha256 = createHash("sha256").update(text).digest("hex");
      return { file, sha256, size: Buffer.byteLength(text), manifest: true as const };
    }
    const { body } = await openObjectStream(store.client, store.bucket, file.key);
    if (isTarballName(file.path)) {
      const listing = await listTarball(body, file.path).catch(() => null);
      if (listing) return { file, sha256: listing.sha256, size: listing.size, contents: listing.entries, contentsTruncated: listing.truncated };
      return { file, ...(await digestOf((await openObjectStream(store.client, store.bucket, file.key)).body)) };
    }
    return { file, ...(await digestOf(body)) };
  });
  for (const result of checked) {
    const expected = declared.get(result.file.path)!;
    if (result.sha256 !== expected || result.size !== result.file.size) {
      mismatches.push(`${result.file.path} (stored sha256 ${result.sha256}, ${result.size} bytes; chosen file sha256 ${expected}, ${result.file.size} bytes)`);
    }
    if ("manifest" in result) continue;
    const entry: ManifestFile = { path: result.file.path, size: result.size, sha256: result.sha256 };
    if ("contents" in result && result.contents) Object.assign(entry, { contents: result.contents, contentsTruncated: result.contentsTruncated });
    files.push(entry);
  }
  await deleteStagedManifest(store, state);
  if (mismatches.length > 0) {
    await discardUpload(prisma, store, row, state);
    throw new ConsoleError("unprocessable", `The upload was discarded: what arrived differs from the files chosen — ${mismatches.join("; ")}. Upload the version again.`);
  }
  if (files.length === 0) {
    await discardUpload(prisma, store, row, state);
    throw new ConsoleError("bad_request", "A version needs at least one file besides model.json.");
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  const completed = await completeRegistration(prisma, store, row, { files, serving, storageUri: null }, {
    format: state.format,
    metrics: state.metrics,
    notes: state.notes,
    lineage: null,
    actor: { id: actor.userId, label: actorLabel(actor) },
    action: "model.version.upload",
  });
  return { modelName: completed.modelName, version: completed.version, storageUri: completed.storageUri };
}

/** Gives up an upload: its parts, any assembled files and the reserved version go away. */
export async function abortUpload(prisma: PrismaClient, actor: Actor, modelName: string, uploadId: string, store: RegistryStore = registryStore()): Promise<void> {
  const { row, state } = await loadUpload(prisma, actor, modelName, uploadId);
  await discardUpload(prisma, store, row, state);
  await auditBy(prisma, actor, { action: "model.upload.abort", objectType: "model_version", objectId: row.id, details: { model: row.modelName, version: row.version } });
}

/** Frees the multipart uploads of a version still being uploaded (when it is deleted). */
export async function abortPendingUpload(store: RegistryStore, manifest: unknown): Promise<void> {
  const pending = pendingOf(manifest);
  if (pending?.kind !== "upload") return;
  const state = pending as UploadState;
  await Promise.all(state.files.filter((f) => f.uploadId).map((f) => abortMultipartUpload(store.client, store.bucket, f.key, f.uploadId!).catch(() => undefined)));
  await deleteStagedManifest(store, state);
}

async function discardUpload(prisma: PrismaClient, store: RegistryStore, row: ModelVersion, state: UploadState): Promise<void> {
  await abortPendingUpload(store, { pending: state });
  await deletePrefix(store.client, store.bucket, versionPrefix(row.modelName, row.version)).catch(() => undefined);
  await prisma.modelVersion.delete({ where: { id: row.id } }).catch(() => undefined);
}

async function deleteStagedManifest(store: RegistryStore, state: UploadState): Promise<void> {
  const staged = state.files.find((f) => f.path === MANIFEST_FILE);
  if (staged) await store.client.send(new DeleteObjectCommand({ Bucket: store.bucket, Key: staged.key })).catch(() => undefined);
}

async function loadUpload(prisma: PrismaClient, actor: Actor, modelName: string, uploadId: string): Promise<{ row: ModelVersion; state: UploadState }> {
  const row = await prisma.modelVersion.findFirst({ where: { id: uploadId, teamId: actor.teamId, modelName } });
  const pending = row ? pendingOf(row.manifest) : null;
  if (!row || pending?.kind !== "upload") throw new ConsoleError("not_found", `No upload ${uploadId} in progress for ${modelName}.`);
  return { row, state: pending as UploadState };
}

/**
 * Records a stored part with one atomic statement that sets a single key of the JSON, so parts
 * arriving at the same time never overwrite each other's record.
 */
async function recordPart(prisma: PrismaClient, rowId: string, partKey: string, part: { etag: string; size: number }): Promise<void> {
  const updated = await prisma.$executeRawUnsafe(
    `UPDATE "ModelVersion" SET "manifest" = jsonb_set("manifest", ARRAY['pending', 'parts', $2::text], $3::jsonb, true) WHERE "id" = $1 AND "manifest" ? 'pending'`,
    rowId,
    partKey,
    JSON.stringify(part),
  );
  if (updated === 0) throw new ConsoleError("conflict", "The upload was completed or cancelled meanwhile.");
}

function missingParts(state: UploadState, fileIndex: number): number[] {
  const file = state.files[fileIndex]!;
  return Array.from({ length: file.partCount }, (_, i) => i + 1).filter((n) => !state.parts[`${fileIndex}:${n}`]);
}

function toSession(row: ModelVersion, state: UploadState): UploadSession {
  return {
    id: row.id,
    modelName: row.modelName,
    version: row.version,
    partSize: state.partSize,
    files: state.files.map((file, index) => ({
      index,
      path: file.path,
      size: file.size,
      partCount: file.partCount,
      uploadedParts: Array.from({ length: file.partCount }, (_, i) => i + 1).filter((n) => state.parts[`${index}:${n}`]),
    })),
  };
}
