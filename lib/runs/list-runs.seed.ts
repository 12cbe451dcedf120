import type { PrismaClient, RunState } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { RUN_STATES } from "@/lib/schemas/runs";

// Many runs for the list's tests and bench: varied states, targets, key metrics (a fifth without one),
// and pairs of runs created in the same millisecond so the keyset's id tie-break is exercised.

export async function seedRuns(prisma: PrismaClient, actor: Actor, count: number): Promise<{ targets: string[] }> {
  const targets = await Promise.all(
    ["local", "gpu-cluster"].map((name, i) =>
      prisma.target.create({ data: { teamId: actor.teamId, name, kind: i === 0 ? "local" : "kubernetes", config: i === 0 ? {} : { connection: "in-cluster", namespace: "kubeflow" } } }),
    ),
  );
  const base = Date.UTC(2026, 0, 1);
  for (let start = 0; start < count; start += 1000) {
    await prisma.trainingRun.createMany({
      data: Array.from({ length: Math.min(1000, count - start) }, (_, k) => {
        const i = start + k;
        const task = i % 3 === 0 ? "rec" : "det";
        return {
          teamId: actor.teamId,
          name: `run-${String(i).padStart(5, "0")}`,
          targetId: targets[i % 7 === 0 ? 1 : 0]!.id,
          modelName: `${task}-model-${i % 13}`,
          configPath: `configs/${task}/x.yml`,
          state: RUN_STATES[i % RUN_STATES.length] as RunState,
          keyMetricName: i % 5 === 0 ? null : task === "det" ? "hmean" : "acc",
          keyMetricValue: i % 5 === 0 ? null : Math.round(((i * 7919) % 1000) / 10) / 100,
          createdById: actor.userId,
          createdAt: new Date(base + Math.floor(i / 2) * 1000),
        };
      }),
    });
  }
  return { targets: targets.map((t) => t.name) };
}
