import { diffLines } from "diff";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors/validation";
import { compareVersionsQuerySchema, modelNameSchema, modelVersionSchema, type VersionComparison, type VersionDetail } from "@/lib/schemas/models";
import { getVersion } from "./get-version";
import { registryStore, type RegistryStore } from "./registry-store";

/**
 * Two versions of a model side by side: every metric with b − a, the training configs as a line
 * diff, which files were added, removed or changed (by sha256 when both have one, else by size),
 * and the parameters that differ.
 */
export async function compareVersions(
  prisma: PrismaClient,
  actor: Actor,
  rawModelName: string,
  rawQuery: unknown,
  store: RegistryStore = registryStore(),
): Promise<VersionComparison> {
  const modelName = parseInput(modelNameSchema, rawModelName);
  const query = parseInput(compareVersionsQuerySchema, rawQuery);
  const [a, b] = await Promise.all([getVersion(prisma, actor, modelName, query.a, store), getVersion(prisma, actor, modelName, query.b, store)]);
  return {
    modelName,
    a: strip(a),
    b: strip(b),
    metrics: [...new Set([...Object.keys(a.metrics), ...Object.keys(b.metrics)])].sort().map((name) => {
      const left = a.metrics[name] ?? null;
      const right = b.metrics[name] ?? null;
      return { name, a: left, b: right, delta: left !== null && right !== null ? right - left : null };
    }),
    config: a.config || b.config ? configDiff(a.config, b.config) : null,
    files: fileDifferences(a, b),
    parameters: [...new Set([...Object.keys(a.parameters), ...Object.keys(b.parameters)])].sort().map((name) => ({
      name,
      a: a.parameters[name] ?? null,
      b: b.parameters[name] ?? null,
      same: JSON.stringify(a.parameters[name] ?? null) === JSON.stringify(b.parameters[name] ?? null),
    })),
  };
}

/** The version's summary fields only (zod drops the detail's extra keys). */
function strip(detail: VersionDetail): VersionComparison["a"] {
  return modelVersionSchema.parse(detail);
}

function configDiff(a: VersionDetail["config"], b: VersionDetail["config"]) {
  const lines: Array<{ kind: "added" | "removed" | "same"; text: string }> = [];
  for (const change of diffLines(a?.text ?? "", b?.text ?? "")) {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    for (const text of change.value.replace(/\n$/, "").split("\n")) lines.push({ kind, text });
  }
  return { aPath: a?.path ?? null, bPath: b?.path ?? null, lines, identical: lines.every((l) => l.kind === "same") };
}

function fileDifferences(a: VersionDetail, b: VersionDetail): VersionComparison["files"] {
  const left = new Map(a.files.map((f) => [f.path, f]));
  const right = new Map(b.files.map((f) => [f.path, f]));
  return [...new Set([...left.keys(), ...right.keys()])].sort().map((path) => {
    const x = left.get(path);
    const y = right.get(path);
    const change = !x ? "added" : !y ? "removed" : (x.sha256 && y.sha256 ? x.sha256 === y.sha256 : x.size === y.size) ? "same" : "changed";
    return { path, change, a: x ? { size: x.size, sha256: x.sha256 } : null, b: y ? { size: y.size, sha256: y.sha256 } : null };
  });
}
