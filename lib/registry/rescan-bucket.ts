import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { aliasObjectSchema, type ManifestFile, type RescanReport } from "@/lib/schemas/models";
import { CONSOLE_PREFIX } from "@/lib/storage/console-objects";
import { listObjects, type StoredObject } from "@/lib/storage/list-objects";
import { readObjectText } from "@/lib/storage/object-stream";
import { inferFormat } from "./infer-format";
import { mapConcurrent } from "./map-concurrent";
import { ALIASES_FOLDER, MANIFEST_FILE, aliasKey, registryStore, s3Uri, versionPrefix, type RegistryStore } from "./registry-store";
import { readVersionManifest } from "./version-manifest";
import { versionRowFromManifest } from "./version-row";

export type { RescanReport };

interface FoundVersion {
  modelName: string;
  version: string;
  files: StoredObject[];
}

interface MirrorRow {
  id: string;
  modelName: string;
  version: string;
  storageUri: string;
  format: string | null;
  hasManifest: boolean;
  sizeBytes: number;
  fileCount: number;
  lastSeenAt: Date | null;
  createdAt: Date;
  manifestEtag: string | null;
  pending: boolean;
  deployed: boolean;
}

// Uploads that never completed are left alone this long before a rescan may drop their row.
const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;

/**
 * Walks the registry bucket's `<model_name>/<version>/` layout (PaddleCloud's model hub layout) and
 * mirrors it into the database for search and sort: versions written by pipelines and other tools
 * appear, versions deleted from the bucket go (unless an endpoint still serves them), and aliases
 * follow their `_aliases/<alias>.json` files. A `model.json` is read only when it changed since the
 * last scan, and unchanged versions cost one batched update, so 10,000 versions rescan quickly.
 */
export async function rescanBucket(
  prisma: PrismaClient,
  actor: Actor,
  { store = registryStore(), pageSize = 1000 }: { store?: RegistryStore; pageSize?: number } = {},
): Promise<RescanReport> {
  const scanStartedAt = new Date();
  const { bucket } = store;
  // One flat listing grouped here, rather than delimiter listings per level: it is one request per
  // 1,000 keys whatever the depth, and the embedded store's delimiter listing misses nested folders.
  const versions = new Map<string, FoundVersion>();
  const aliasFiles = new Map<string, { modelName: string; alias: string }>();
  for await (const page of listObjects(store.client, bucket, "", { pageSize })) {
    for (const object of page.objects) {
      const [modelName, version, ...rest] = object.key.split("/");
      if (!modelName || !version || rest.length === 0 || modelName.startsWith("_") || `${modelName}/` === CONSOLE_PREFIX) continue;
      if (version === ALIASES_FOLDER) {
        const alias = rest.join("/").replace(/\.json$/, "");
        if (rest.length === 1 && alias && rest[0]!.endsWith(".json")) aliasFiles.set(`${modelName}/${alias}`, { modelName, alias });
        continue;
      }
      if (version.startsWith("_") || object.key.endsWith("/")) continue;
      const id = `${modelName}/${version}`;
      const entry = versions.get(id) ?? { modelName, version, files: [] };
      entry.files.push({ ...object, key: rest.join("/") });
      versions.set(id, entry);
    }
  }

  const rows = await mirrorRows(prisma, actor.teamId);
  const byKey = new Map(rows.map((row) => [`${row.modelName}/${row.version}`, row]));
  const report: RescanReport = { bucket, models: new Set([...versions.values()].map((v) => v.modelName)).size, versions: versions.size, added: 0, updated: 0, removed: 0, aliases: 0 };

  const unchanged: string[] = [];
  const created: Prisma.ModelVersionCreateManyInput[] = [];
  await mapConcurrent([...versions.values()], 8, async (found) => {
    const existing = byKey.get(`${found.modelName}/${found.version}`);
    if (existing?.pending) return;
    const prefix = versionPrefix(found.modelName, found.version);
    const manifestObject = found.files.find((f) => f.key === MANIFEST_FILE);
    // A model.json with the ETag it had when last read is already mirrored.
    const manifestFresh = Boolean(existing?.hasManifest && manifestObject?.etag && existing.manifestEtag === manifestObject.etag);
    const manifest = manifestObject && !manifestFresh ? await readVersionManifest(store, found.modelName, found.version).catch(() => null) : null;
    let data: Omit<Prisma.ModelVersionCreateManyInput, "teamId" | "modelName" | "version">;
    if (manifest) {
      data = versionRowFromManifest({ ...manifest, files: manifest.files.length > 0 ? manifest.files : inferredFiles(found) }, s3Uri(bucket, prefix), manifestObject?.etag ?? null);
    } else if (manifestFresh && existing) {
      unchanged.push(existing.id);
      return;
    } else {
      const files = inferredFiles(found);
      data = {
        storageUri: s3Uri(bucket, prefix),
        format: inferFormat(found.modelName, files.map((f) => f.path)),
        sizeBytes: files.reduce((sum, f) => sum + f.size, 0),
        fileCount: files.length,
        hasManifest: false,
        manifest: { inferred: true, files } as unknown as Prisma.InputJsonValue,
      };
      if (existing && !existing.hasManifest && existing.format === data.format && existing.sizeBytes === data.sizeBytes && existing.fileCount === data.fileCount) {
        unchanged.push(existing.id);
        return;
      }
      // Versions from other tools are dated by their oldest file.
      const oldest = Math.min(...found.files.map((f) => f.lastModified?.getTime() ?? Date.now()));
      if (!existing) data.createdAt = new Date(oldest);
    }
    if (existing) {
      await prisma.modelVersion.update({ where: { id: existing.id }, data: { ...data, lastSeenAt: scanStartedAt } as Prisma.ModelVersionUpdateInput });
      report.updated += 1;
    } else {
      created.push({ ...data, teamId: actor.teamId, modelName: found.modelName, version: found.version, createdById: null, lastSeenAt: scanStartedAt });
    }
  });
  for (let start = 0; start < created.length; start += 1000) {
    const batch = created.slice(start, start + 1000);
    report.added += (await prisma.modelVersion.createMany({ data: batch, skipDuplicates: true })).count;
  }
  for (let start = 0; start < unchanged.length; start += 1000) {
    await prisma.modelVersion.updateMany({ where: { id: { in: unchanged.slice(start, start + 1000) } }, data: { lastSeenAt: scanStartedAt } });
  }

  // Versions of this bucket that are gone from it go from the mirror too, unless still deployed.
  const gone = rows.filter(
    (row) =>
      !versions.has(`${row.modelName}/${row.version}`) &&
      row.storageUri.startsWith(`s3://${bucket}/`) &&
      !row.deployed &&
      (!row.pending || row.createdAt.getTime() < scanStartedAt.getTime() - STALE_UPLOAD_MS),
  );
  if (gone.length > 0) {
    const ids = gone.map((row) => row.id);
    await prisma.deployment.deleteMany({ where: { modelVersionId: { in: ids } } });
    report.removed = (await prisma.modelVersion.deleteMany({ where: { id: { in: ids } } })).count;
  }

  report.aliases = await mirrorAliases(prisma, actor.teamId, store, aliasFiles);
  await auditBy(prisma, actor, { action: "registry.rescan", objectType: "bucket", objectId: bucket, details: { ...report } });
  return report;
}

function inferredFiles(found: FoundVersion): ManifestFile[] {
  return found.files
    .filter((f) => f.key !== MANIFEST_FILE)
    .map((f) => ({ path: f.key, size: f.size, sha256: null }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

async function mirrorRows(prisma: PrismaClient, teamId: string): Promise<MirrorRow[]> {
  return prisma.$queryRawUnsafe<MirrorRow[]>(
    `SELECT v."id", v."modelName", v."version", v."storageUri", v."format", v."hasManifest", v."sizeBytes", v."fileCount", v."lastSeenAt", v."createdAt", (v."manifest" ->> 'sourceEtag') AS "manifestEtag",
            (v."manifest" ? 'pending') AS "pending",
            EXISTS (SELECT 1 FROM "Deployment" d WHERE d."modelVersionId" = v."id" AND d."retiredAt" IS NULL) AS "deployed"
       FROM "ModelVersion" v WHERE v."teamId" = $1`,
    teamId,
  );
}

/**
 * Aliases follow the bucket: each `_aliases/<alias>.json` read and mirrored, mirror rows whose file
 * is gone removed. Returns how many aliases the bucket holds.
 */
async function mirrorAliases(prisma: PrismaClient, teamId: string, store: RegistryStore, files: Map<string, { modelName: string; alias: string }>): Promise<number> {
  const existing = await prisma.modelAlias.findMany({ where: { teamId } });
  const byKey = new Map(existing.map((row) => [`${row.modelName}/${row.alias}`, row]));
  await mapConcurrent([...files.values()], 8, async ({ modelName, alias }) => {
    const text = await readObjectText(store.client, store.bucket, aliasKey(modelName, alias)).catch(() => null);
    let parsed;
    try {
      parsed = text === null ? null : aliasObjectSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) return;
    const row = byKey.get(`${modelName}/${alias}`);
    if (row && row.version === parsed.data.version) return;
    const data = {
      version: parsed.data.version,
      setById: parsed.data.setBy?.id ?? null,
      setByLabel: parsed.data.setBy?.label ?? "another tool",
      setAt: parsed.data.setAt && !Number.isNaN(Date.parse(parsed.data.setAt)) ? new Date(parsed.data.setAt) : new Date(),
    };
    await prisma.modelAlias.upsert({
      where: { teamId_modelName_alias: { teamId, modelName, alias } },
      create: { teamId, modelName, alias, ...data },
      update: data,
    });
  });
  const stale = existing.filter((row) => !files.has(`${row.modelName}/${row.alias}`));
  for (const row of stale) {
    // Set after the listing was taken? Then its file exists now and the row stays.
    if ((await readObjectText(store.client, store.bucket, aliasKey(row.modelName, row.alias)).catch(() => null)) !== null) continue;
    await prisma.modelAlias.deleteMany({ where: { id: row.id, version: row.version } });
  }
  return files.size;
}
