import path from "node:path";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { TrainingBackend, VisualDlProxyTarget, VisualDlSource } from "@/lib/providers/training";
import { findRun } from "@/lib/runs/find-run";
import { runRefOf, trainingBackendFor } from "@/lib/runs/training-backend";
import type { RunRow } from "@/lib/runs/run-view";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { localDirectorySource } from "../sources/local-directory";
import { parseS3Uri, s3PrefixSource } from "../sources/s3-prefix";

/** A run's VisualDL, asked of its target only when needed (the target's secrets are opened once per request). */
export interface RunVisualDl {
  run: RunRow;
  /** Cache key of its log data: a retried run writes a new log directory. */
  key: string;
  /**
   * Where its records are: the log directory recorded in its outputs when the console can read it, else
   * what its target says (a local directory, the run's volume, an S3 output prefix).
   */
  source(): Promise<VisualDlSource | null>;
  /** Its own VisualDL server, reached only by the console's proxy; null when it runs none. */
  proxy(): Promise<VisualDlProxyTarget | null>;
}

export async function runVisualDl(prisma: PrismaClient, actor: Actor, idOrName: string): Promise<RunVisualDl> {
  const run = await findRun(prisma, actor, idOrName);
  let backend: TrainingBackend | undefined;
  const training = async () => (backend ??= trainingBackendFor(await prisma.target.findUniqueOrThrow({ where: { id: run.targetId } })));
  return {
    run,
    key: `${run.id}#${run.attempt}`,
    source: async () => recordedSource(run) ?? (await (await training()).visualdlSource?.(runRefOf(run))) ?? null,
    proxy: async () => (await (await training()).visualdlProxy?.(runRefOf(run))) ?? null,
  };
}

/** The log directory the run's outputs name, when the console itself can read it. */
function recordedSource(run: RunRow): VisualDlSource | null {
  const uri = (run.outputs as Record<string, unknown> | null)?.visualdlUri;
  if (typeof uri !== "string" || !uri) return null;
  const s3 = parseS3Uri(uri);
  if (s3) return s3PrefixSource(objectStoreClient(), s3.bucket, s3.prefix);
  if (uri.startsWith("file://")) return localDirectorySource(new URL(uri).pathname);
  // A bare path is on this machine only for local runs; on a cluster it is a path inside a pod.
  if (path.isAbsolute(uri) && run.target.kind === "local") return localDirectorySource(uri);
  return null;
}
