import type { Metadata } from "next";
import { TargetCard } from "@/components/settings/target-card";
import { TargetForm } from "@/components/forms/target-form";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { listTargets } from "@/lib/targets/list-targets";

export const metadata: Metadata = { title: "Targets" };

export default async function TargetsPage() {
  const actor = await requireActor();
  const targets = await listTargets(await prisma(), actor);
  const isAdmin = hasRole(actor.role, "admin");
  return (
    <div className="grid gap-8 xl:grid-cols-[1fr_28rem]">
      <section aria-label="Targets" className="space-y-3">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Targets are the places work runs: <strong>local</strong> is this machine; a <strong>kubernetes</strong> target is
          a PaddleCloud cluster; a <strong>sagemaker</strong> target is an AWS account and region.
        </p>
        {targets.map((target) => (
          <TargetCard key={target.id} target={target} canDelete={isAdmin && target.kind !== "local"} />
        ))}
      </section>
      <section aria-label="Add a target">
        <h2 className="mb-3 text-base font-semibold">Add a target</h2>
        {isAdmin ? (
          <TargetForm />
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Adding targets needs the admin role: they hold credentials.</p>
        )}
      </section>
    </div>
  );
}
