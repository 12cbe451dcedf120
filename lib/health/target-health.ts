import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient, Target } from "@/lib/generated/prisma/client";
import { providerFor } from "@/lib/providers";
import { describeError } from "@/lib/providers/connection-check";
import { kubeconfigRunsPlugin } from "@/lib/providers/kubernetes/kube-config";
import { resolveTarget } from "@/lib/targets/resolve-target";
import type { ComponentHealth } from "./get-health";

export interface TargetHealth extends ComponentHealth {
  name: string;
  kind: string;
  team: string;
  /** "live": asked just now (or within the cache time); "last-check": the last Test connection's answer. */
  source: "live" | "last-check";
}

const TARGET_CHECK_TIMEOUT_MS = 5_000;
// Health is polled by every open page every 30 s; remote targets are asked at most this often.
const TARGET_CHECK_CACHE_MS = 30_000;
const liveCache = new Map<string, { at: number; result: ComponentHealth }>();

/**
 * The health of the caller's own team's targets. A page's background poll must not start the
 * commands of credential plugins (an operator-allowed `exec` in an installed kubeconfig): those
 * targets report their last Test connection instead. Every other target is asked live.
 */
export async function targetHealth(prisma: PrismaClient, actor: Actor): Promise<TargetHealth[]> {
  const targets = await prisma.target.findMany({
    where: { teamId: actor.teamId },
    include: { team: { select: { slug: true } } },
    orderBy: { createdAt: "asc" },
  });
  return Promise.all(
    targets.map(async (target) => ({ name: target.name, kind: target.kind, team: target.team.slug, ...(await healthOf(target)) })),
  );
}

async function healthOf(target: Target): Promise<ComponentHealth & { source: TargetHealth["source"] }> {
  const started = performance.now();
  let resolved: ReturnType<typeof resolveTarget>;
  try {
    resolved = resolveTarget(target);
  } catch (error) {
    return { ok: false, message: describeError(error), latencyMs: 0, source: "live" };
  }
  if (resolved.kind === "kubernetes" && kubeconfigRunsPlugin(resolved.config, resolved.secrets)) return lastCheck(target);

  const cached = liveCache.get(target.id);
  if (cached && Date.now() - cached.at < TARGET_CHECK_CACHE_MS) return { ...cached.result, source: "live" };
  let result: ComponentHealth;
  try {
    const check = await providerFor(resolved).check({ signal: AbortSignal.timeout(TARGET_CHECK_TIMEOUT_MS) });
    result = { ok: check.ok, message: check.summary, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    result = { ok: false, message: describeError(error), latencyMs: Math.round(performance.now() - started) };
  }
  liveCache.set(target.id, { at: Date.now(), result });
  return { ...result, source: "live" };
}

function lastCheck(target: Target): ComponentHealth & { source: "last-check" } {
  if (!target.lastCheckAt || target.lastCheckOk === null) {
    return { ok: true, message: "not checked yet (its kubeconfig runs a credential plugin, which only Test connection starts)", latencyMs: 0, source: "last-check" };
  }
  const at = target.lastCheckAt.toISOString();
  return { ok: target.lastCheckOk, message: `${target.lastCheckMessage ?? ""} (Test connection at ${at})`, latencyMs: 0, source: "last-check" };
}
