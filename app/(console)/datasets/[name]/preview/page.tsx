import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DatasetStatsCharts } from "@/components/datasets/preview/dataset-stats-charts";
import { SampleGallery } from "@/components/datasets/preview/sample-gallery";
import { GALLERY_PAGE_SIZE } from "@/components/datasets/preview/sample-urls";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { Actor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/require-actor";
import { findDatasetOrThrow } from "@/lib/datasets/find-dataset";
import { getDatasetStats } from "@/lib/datasets/preview/get-dataset-stats";
import { listSamples } from "@/lib/datasets/preview/list-samples";
import type { SampleSplit } from "@/lib/datasets/preview/preview-schemas";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError } from "@/lib/errors/console-error";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<{ split?: string; q?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${decodeURIComponent((await params).name)} · preview` };
}

export default async function DatasetPreviewPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const name = decodeURIComponent((await params).name);
  const { split: rawSplit, q } = await searchParams;
  const split: SampleSplit = rawSplit === "test" ? "test" : "train";
  const dataset = await findDatasetOrThrow(await openPrisma(), actor, name).catch((error: unknown) => {
    if (error instanceof ConsoleError && (error.code === "not_found" || error.code === "bad_request")) notFound();
    throw error;
  });

  return (
    <>
      <PageHeader
        title={`${dataset.name} · preview`}
        description={
          <>
            <Badge tone="info">{dataset.task}</Badge> <span className="font-mono text-xs">{dataset.sourceUri}</span> — the samples as the label files
            describe them{dataset.task === "det" ? ", boxes drawn over each image" : ""}. Open any sample to see it large.
          </>
        }
        actions={
          <ButtonLink href={`/datasets/${encodeURIComponent(dataset.name)}`} variant="secondary">
            Dataset
          </ButtonLink>
        }
      />
      <div className="space-y-10">
        <Suspense fallback={<Placeholder label="Loading samples" />}>
          <Gallery actor={actor} name={dataset.name} split={split} q={q ?? ""} />
        </Suspense>
        <Suspense fallback={<Placeholder label="Computing statistics" />}>
          <Statistics actor={actor} name={dataset.name} />
        </Suspense>
      </div>
    </>
  );
}

async function Gallery({ actor, name, split, q }: { actor: Actor; name: string; split: SampleSplit; q: string }) {
  const initial = await shown(listSamples(await openPrisma(), actor, name, { split, q: q || undefined, limit: GALLERY_PAGE_SIZE }));
  if ("problem" in initial) return <EmptyState title="The samples cannot be shown">{initial.problem}</EmptyState>;
  return <SampleGallery datasetName={name} initial={initial} initialSplit={split} initialQuery={q} />;
}

async function Statistics({ actor, name }: { actor: Actor; name: string }) {
  const view = await shown(getDatasetStats(await openPrisma(), actor, name));
  if ("problem" in view) {
    return (
      <section aria-label="Statistics">
        <h2 className="mb-2 text-base font-semibold">Statistics</h2>
        <p className="text-sm text-zinc-500">{view.problem}</p>
      </section>
    );
  }
  return <DatasetStatsCharts view={view} />;
}

/** A domain refusal (files not here yet, no label file …) becomes a message on the page; anything else goes to the error page. */
async function shown<T extends object>(work: Promise<T>): Promise<T | { problem: string }> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ConsoleError) return { problem: error.message };
    throw error;
  }
}

function Placeholder({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} className="h-48 animate-pulse rounded-lg bg-zinc-100 dark:bg-zinc-900">
      <span className="sr-only">{label}…</span>
    </div>
  );
}
