import { HeadBucketCommand } from "@aws-sdk/client-s3";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db";
import { readConfig } from "@/lib/config/env";
import { describeError } from "@/lib/providers/connection-check";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { targetHealth, type TargetHealth } from "./target-health";

export interface ComponentHealth {
  ok: boolean;
  message: string;
  latencyMs: number;
}

/** What anyone may learn: load balancers and the sign-in page get this and nothing more. */
export interface HealthStatus {
  status: "ok" | "degraded" | "down";
}

/** What a signed-in user or API token (any role) sees. */
export interface Health extends HealthStatus {
  database: ComponentHealth & { kind: string; location: string; migrations: number };
  objectStore: ComponentHealth & { endpoint: string; bucket: string };
  targets: TargetHealth[];
}

async function timed(run: () => Promise<string>): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    const message = await run();
    return { ok: true, message, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, message: describeError(error), latencyMs: Math.round(performance.now() - started) };
  }
}

/**
 * The console's health. Without a caller it is only the status of the console's own dependencies
 * (database, object store): no addresses, paths or target names, and no target is asked anything,
 * so an anonymous request can never make the console reach a cluster or run a kubeconfig's plugin.
 * A caller also gets the details and their own team's targets, whose failures make it "degraded".
 */
export async function getHealth(openDatabase: () => Promise<Database>, actor: null): Promise<HealthStatus>;
export async function getHealth(openDatabase: () => Promise<Database>, actor: Actor): Promise<Health>;
export async function getHealth(openDatabase: () => Promise<Database>, actor: Actor | null): Promise<HealthStatus | Health>;
export async function getHealth(openDatabase: () => Promise<Database>, actor: Actor | null): Promise<HealthStatus | Health> {
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
    opened && actor ? targetHealth(opened.prisma, actor) : Promise.resolve([]),
  ]);
  const status = !database.ok ? "down" : objectStore.ok && targets.every((t) => t.ok) ? "ok" : "degraded";
  if (!actor) return { status };
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
