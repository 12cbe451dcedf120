import type { Metadata } from "next";
import { FormError } from "@/components/forms/form-error";
import { RunCompare } from "@/components/runs/run-compare";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/require-actor";
import { prisma as openPrisma } from "@/lib/db";
import { compareRuns } from "@/lib/runs/compare-runs";
import { compareRunsQuerySchema } from "@/lib/schemas/runs";

export const metadata: Metadata = { title: "Compare runs" };

type Props = { searchParams: Promise<{ runs?: string | string[] }> };

export default async function CompareRunsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const { runs: raw } = await searchParams;
  // ?runs=a,b,c (ids or names); repeated ?runs= parameters are accepted too.
  const runs = [raw ?? []].flat().flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
  const parsed = compareRunsQuerySchema.safeParse({ runs });
  const header = (
    <PageHeader
      title="Compare runs"
      description="Parameters that differ, final and best metrics, and curves overlaid — one colour per run."
      actions={
        <ButtonLink href="/runs" variant="secondary">
          Back to runs
        </ButtonLink>
      }
    />
  );
  if (!parsed.success) {
    return (
      <>
        {header}
        <FormError message={`${parsed.error.issues[0]?.message ?? "Pick 2 to 6 runs"}: select them with the checkboxes in the runs list, then “Compare selected”.`} />
      </>
    );
  }
  const comparison = await compareRuns(await openPrisma(), actor, parsed.data);
  return (
    <>
      {header}
      <RunCompare comparison={comparison} />
    </>
  );
}
