import path from "node:path";
import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import type { PrismaClient, TrainingRun, Target } from "@/lib/generated/prisma/client";
import { providerFor } from "@/lib/providers";
import type { VisualDlProxyTarget, VisualDlSource } from "@/lib/providers/training";
import { runRefOf } from "@/lib/runs/training-backend";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { resolveTarget } from "@/lib/targets/resolve-target";
import { localDirectorySource } from "../sources/local-directory";
import { parseS3Uri, s3PrefixSource } from "../sources/s3-prefix";

type RunWithTarget = TrainingRun & { target: Target };

export async function findRun(prisma: PrismaClient, actor: Actor, runId: string): Promise<RunWithTarget> {
  const run = await prisma.trainingRun.findFirst({ where: { id: runId, teamId: actor.teamId }, include: { target: true } });
  if (!run) throw new ConsoleError("not_found", `There is no run ${runId} in your team.`);
  return run;
}


/**
 * Where a run's VisualDL records are: what its target says while the run lives (a local directory, the
 * run's volume, an S3 output prefix), else the log directory recorded in its outputs.
 */
export async function runVisualDlSource(run: RunWithTarget): Promise<VisualDlSource | null> {
  return recordedSource(run) ?? (await providerFor(resolveTarget(run.target)).training?.visualdlSource?.(runRefOf(run))) ?? null;
}

/** The log directory the run's outputs name, when the console itself can read it. */
function recordedSource(run: RunWithTarget): VisualDlSource | null {
  const uri = (run.outputs as Record<string, unknown> | null)?.visualdlUri;
  if (typeof uri !== "string" || !uri) return null;
  const s3 = parseS3Uri(uri);
  if (s3) return s3PrefixSource(objectStoreClient(), s3.bucket, s3.prefix);
  if (uri.startsWith("file://")) return localDirectorySource(new URL(uri).pathname);
  // A bare path is on this machine only for local runs; on a cluster it is a path inside a pod.
  if (path.isAbsolute(uri) && run.target.kind === "local") return localDirectorySource(uri);
  return null;
}

/** The run's own VisualDL server, reached only by the console's proxy; null when it runs none. */
export async function runVisualDlProxy(run: RunWithTarget): Promise<VisualDlProxyTarget | null> {
  const training = providerFor(resolveTarget(run.target)).training;
  return (await training?.visualdlProxy?.(runRefOf(run))) ?? null;
}

/** Cache key: a retried run writes a new log directory. */
export function runLogKey(run: TrainingRun): string {
  return `${run.id}#${run.attempt}`;
}
