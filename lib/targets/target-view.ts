import type { Target } from "@/lib/generated/prisma/client";
import type { TargetView } from "@/lib/schemas/targets";

/** The browser-safe form of a target. Secret values never leave the server; their names do. */
export function toTargetView(target: Target): TargetView {
  const config = (target.config ?? {}) as Record<string, unknown>;
  const { secretNames, ...visible } = config;
  return {
    id: target.id,
    name: target.name,
    kind: target.kind,
    config: visible,
    secretsSet: Array.isArray(secretNames) ? secretNames.map(String) : [],
    lastCheck:
      target.lastCheckAt && target.lastCheckOk !== null
        ? { ok: target.lastCheckOk, message: target.lastCheckMessage ?? "", at: target.lastCheckAt.toISOString() }
        : null,
    createdAt: target.createdAt.toISOString(),
  };
}
