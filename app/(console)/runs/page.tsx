import type { Metadata } from "next";
import { RunsTable } from "@/components/runs/runs-table";
import type { RunsListQuery } from "@/components/runs/runs-query";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { prisma as openPrisma } from "@/lib/db";
import { listRuns } from "@/lib/runs/list-runs";
import { listRunsQuerySchema } from "@/lib/schemas/runs";

export const metadata: Metadata = { title: "Runs" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RunsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  // A hand-edited address with a bad filter shows the unfiltered list rather than an error page.
  const parsed = listRunsQuerySchema.safeParse(raw);
  const { state, target, dataset, q, sort, order, cursor } = parsed.success ? parsed.data : listRunsQuerySchema.parse({});
  const query: RunsListQuery = { state, target, dataset, q, sort, order, cursor };

  const prisma = await openPrisma();
  const [page, targets, datasets] = await Promise.all([
    listRuns(prisma, actor, { ...query, limit: 50 }),
    prisma.target.findMany({ where: { teamId: actor.teamId }, orderBy: { name: "asc" }, select: { name: true } }),
    prisma.dataset.findMany({ where: { teamId: actor.teamId }, orderBy: { name: "asc" }, select: { name: true }, take: 500 }),
  ]);
  const canEdit = hasRole(actor.role, "editor");
  const newRun = canEdit ? <ButtonLink href="/runs/new">New run</ButtonLink> : null;
  const filtered = Boolean(state || target || dataset || q || cursor);

  return (
    <>
      <PageHeader
        title="Runs"
        description="PaddleOCR training runs on every target, with live status, logs, curves and comparison."
        actions={page.items.length > 0 || filtered ? newRun : null}
      />
      {page.items.length === 0 && !filtered ? (
        <EmptyState
          title="No training runs yet"
          action={
            canEdit ? (
              <>
                <ButtonLink href="/runs/new">New run</ButtonLink>
                <ButtonLink href="/datasets/new" variant="secondary">
                  Register a dataset
                </ButtonLink>
              </>
            ) : null
          }
        >
          Each run trains a PP-OCR detection or recognition model from a dataset on a target — this machine, a PaddleCloud
          cluster (PaddleJob) or AWS SageMaker — and lists its status, logs, metrics and outputs here.
          {!canEdit && " Ask an editor or admin to launch one."}
        </EmptyState>
      ) : (
        <RunsTable
          initialQuery={query}
          initialPage={page}
          targets={targets.map((t) => t.name)}
          datasets={datasets.map((d) => d.name)}
          canEdit={canEdit}
        />
      )}
    </>
  );
}
