import { HeadBucketCommand } from "@aws-sdk/client-s3";
import type { Database } from "@/lib/db";
import { readConfig } from "@/lib/config/env";
import { providerFor } from "@/lib/providers";
import { describeError } from "@/lib/providers/connection-check";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { resolveTarget } from "@/lib/targets/resolve-target";

export interface ComponentHealth {
  ok: boolean;
  message: string;
  latencyMs: number;
}

export interface Health {
  status: "ok" | "degraded" | "down";
  database: ComponentHealth & { kind: string; location: string; migrations: number };
  objectStore: ComponentHealth & { endpoint: string; bucket: string };
  targets: Array<ComponentHealth & { name: string; kind: string; team: string }>;
}

const TARGET_CHECK_TIMEOUT_MS = 5_000;
// Health is polled by load balancers every few seconds; remote targets are asked at most this often.
const TARGET_CHECK_CACHE_MS = 30_000;
const targetCache = new Map<string, { at: number; result: ComponentHealth }>();

async function timed(run: () => Promise<string>): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    const message = await run();
    return { ok: true, message, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, message: describeError(error), latencyMs: Math.round(performance.now() - started) };
  }
}

export async function getHealth(openDatabase: () => Promise<Database>): Promise<Health> {
  let db: Database | null = null;
  const database = await timed(async () => {
    db = await openDatabase();
    await db.prisma.$queryRaw`SELECT 1`;
    return "reachable";
  });
  const opened = db as Database | null;
  const s3 = readConfig().s3;
  const [objectStore, targets] = await Promise.all([
    timed(async () => {
      if (!s3.endpoint && !process.env.AWS_REGION && !process.env.AWS_ACCESS_KEY_ID) {
        throw new Error("no object store configured (set S3_ENDPOINT, or AWS credentials for S3)");
      }
      await objectStoreClient(s3).send(new HeadBucketCommand({ Bucket: s3.bucket }));
      return `bucket ${s3.bucket} reachable`;
    }),
    opened ? targetHealth(opened) : Promise.resolve([]),
  ]);
  const status = !database.ok ? "down" : objectStore.ok && targets.every((t) => t.ok) ? "ok" : "degraded";
  return {
    status,
    database: {
      ...database,
      kind: opened?.kind ?? (readConfig().databaseUrl ? "postgresql" : "pglite"),
      location: opened?.location ?? "",
      migrations: opened ? opened.migrations.applied.length + opened.migrations.alreadyApplied.length : 0,
    },
    objectStore: { ...objectStore, endpoint: s3.endpoint ?? "aws", bucket: s3.bucket },
    targets,
  };
}

async function targetHealth(db: Database): Promise<Health["targets"]> {
  const targets = await db.prisma.target.findMany({ include: { team: { select: { slug: true } } }, orderBy: { createdAt: "asc" } });
  return Promise.all(
    targets.map(async (target) => {
      const cached = targetCache.get(target.id);
      const result =
        cached && Date.now() - cached.at < TARGET_CHECK_CACHE_MS
          ? cached.result
          : await timed(async () => {
              const check = await providerFor(resolveTarget(target)).check({ signal: AbortSignal.timeout(TARGET_CHECK_TIMEOUT_MS) });
              if (!check.ok) throw new Error(check.summary);
              return check.summary;
            });
      targetCache.set(target.id, { at: Date.now(), result });
      return { name: target.name, kind: target.kind, team: target.team.slug, ...result };
    }),
  );
}
