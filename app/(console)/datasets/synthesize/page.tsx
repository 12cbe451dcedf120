import type { Metadata } from "next";
import { SynthesizeForm } from "@/components/datasets/synthesize/synthesize-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { synthesisCapabilities } from "@/lib/datasets/synthesize/synthesis-capabilities";
import { SYNTHESIS_JOB_KIND } from "@/lib/datasets/synthesize/synthesize-dataset";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError } from "@/lib/errors/console-error";
import { getJobForActor } from "@/lib/jobs";

export const metadata: Metadata = { title: "Generate synthetic dataset" };

export default async function SynthesizeDatasetPage({ searchParams }: { searchParams: Promise<{ job?: string }> }) {
  const actor = await requireActor();
  const { job: jobId } = await searchParams;
  const [capabilities, job] = await Promise.all([
    synthesisCapabilities(),
    jobId
      ? getJobForActor(await openPrisma(), actor, jobId).catch((error: unknown) => {
          if (error instanceof ConsoleError) return null;
          throw error;
        })
      : null,
  ]);
  return (
    <>
      <PageHeader
        title="Generate synthetic dataset"
        description="Text lines (rec) or pages with boxes (det) drawn from your words with the server's fonts, colors, backgrounds, blur, noise and small rotations — written in PaddleOCR format and registered as a new dataset. The same seed gives the same files."
      />
      {hasRole(actor.role, "editor") ? (
        <SynthesizeForm capabilities={capabilities} initialJob={job?.kind === SYNTHESIS_JOB_KIND ? job : null} />
      ) : (
        <p role="alert" className="text-sm text-zinc-600 dark:text-zinc-400">
          You are a viewer: generating datasets needs the editor or admin role.
        </p>
      )}
    </>
  );
}
