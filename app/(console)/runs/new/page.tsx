import type { Metadata } from "next";
import { FormError } from "@/components/forms/form-error";
import { NewRunForm, type DatasetChoice, type TargetChoice } from "@/components/runs/new-run-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError } from "@/lib/errors/console-error";
import { cloneRun } from "@/lib/runs/clone-run";
import { getRun } from "@/lib/runs/get-run";
import { trainingTargets } from "@/lib/runs/training-readiness";
import type { CreateRunInput, RunView } from "@/lib/schemas/runs";

export const metadata: Metadata = { title: "New run" };

type Props = { searchParams: Promise<{ from?: string }> };
type CloneSource = { found: true; run: RunView; input: CreateRunInput } | { found: false; message: string };

export default async function NewRunPage({ searchParams }: Props) {
  const actor = await requireActor();
  const { from } = await searchParams;
  const header = (
    <PageHeader
      title={from ? "Clone run" : "New run"}
      description="Train a PP-OCR detection or recognition model on a dataset, on this machine, a PaddleCloud cluster or SageMaker."
    />
  );
  if (!hasRole(actor.role, "editor")) {
    return (
      <>
        {header}
        <FormError message={`Launching runs needs the editor or admin role; you are ${actor.role}.`} />
      </>
    );
  }

  const prisma = await openPrisma();
  const [readiness, datasets, source] = await Promise.all([
    trainingTargets(prisma, actor),
    prisma.dataset.findMany({
      where: { teamId: actor.teamId },
      orderBy: { name: "asc" },
      take: 500,
      select: { name: true, task: true, versions: { select: { version: true, valid: true }, orderBy: { version: "desc" }, take: 50 } },
    }),
    from ? cloneSource(from) : null,
  ]);

  async function cloneSource(idOrName: string): Promise<CloneSource> {
    try {
      const [run, input] = await Promise.all([getRun(prisma, actor, idOrName), cloneRun(prisma, actor, idOrName)]);
      return { found: true, run, input };
    } catch (error) {
      // A run deleted since the link was made: say so above a blank form instead of an error page.
      if (error instanceof ConsoleError && error.code === "not_found") return { found: false, message: error.message };
      throw error;
    }
  }

  const targets: TargetChoice[] = readiness.map((t) => ({ name: t.target, kind: t.kind, readiness: { ok: t.ok, message: t.message } }));
  const datasetChoices: DatasetChoice[] = datasets.map((d) => ({ name: d.name, task: d.task, versions: d.versions }));
  return (
    <>
      {header}
      {source && !source.found && <FormError message={`${source.message} Start from a blank form instead.`} />}
      <NewRunForm
        // A new source run means a fresh form, not the previous one's edits.
        key={from ?? "new"}
        targets={targets}
        datasets={datasetChoices}
        initial={source?.found ? source.input : null}
        clonedFrom={source?.found ? { id: source.run.id, name: source.run.name } : null}
      />
    </>
  );
}
