import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import type { RunView } from "@/lib/schemas/runs";
import { runInput } from "./clone-run";
import { launchNewRun } from "./create-run";
import { findRun } from "./find-run";
import { isActive } from "./stop-runs";

/**
 * Launches a finished run again with the same parameters as a NEW run (attempt + 1, clonedFrom the
 * original), so each attempt keeps its own logs, metrics, outputs and timeline.
 */
export async function retryRun(prisma: PrismaClient, actor: Actor, idOrName: string): Promise<RunView> {
  const run = await findRun(prisma, actor, idOrName);
  if (isActive(run.state)) throw new ConsoleError("conflict", `Run ${run.name} is still ${run.state}; stop it before retrying.`);
  const base = run.name.replace(/-r\d+$/, "");
  const attempt = run.attempt + 1;
  const suffix = `-r${attempt}`;
  const name = `${base.slice(0, 52 - suffix.length).replace(/-$/, "")}${suffix}`;
  return launchNewRun(prisma, actor, { ...runInput(run), name: undefined }, { attempt, clonedFromId: run.id, preferredName: name });
}
