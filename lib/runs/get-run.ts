import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { RenderedRequest } from "@/lib/providers/training";
import type { RunView } from "@/lib/schemas/runs";
import { findRun } from "./find-run";
import { toRunView } from "./run-view";

/** One run by id or name. */
export async function getRun(prisma: PrismaClient, actor: Actor, idOrName: string): Promise<RunView> {
  return toRunView(await findRun(prisma, actor, idOrName));
}

/** The request recorded when the run was launched, exactly as sent (Request/YAML tab); null before launch. */
export async function runRequest(prisma: PrismaClient, actor: Actor, idOrName: string): Promise<RenderedRequest | null> {
  const run = await findRun(prisma, actor, idOrName);
  const request = run.request as Partial<RenderedRequest> | null;
  if (!request || typeof request.text !== "string" || !request.language) return null;
  return { language: request.language, text: request.text, body: request.body ?? null };
}
