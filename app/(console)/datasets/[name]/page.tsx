import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { ArchiveUploader } from "@/components/datasets/archive-uploader";
import { CachePanel } from "@/components/datasets/cache-panel";
import { DatasetStatusBadge } from "@/components/datasets/dataset-status-badge";
import { IssuesTable } from "@/components/datasets/issues-table";
import { ReportSummary } from "@/components/datasets/report-summary";
import { ValidationPanel } from "@/components/datasets/validation-panel";
import { VersionsTable } from "@/components/datasets/versions-table";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { getDataset } from "@/lib/datasets/get-dataset";
import { listDatasetVersions } from "@/lib/datasets/list-dataset-versions";
import { prisma as openPrisma } from "@/lib/db";
import { datasetIssuesQuerySchema } from "@/lib/schemas/datasets";

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<{ issues?: string; kind?: string; versions?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).name) };
}

function Section({ title, children, actions, label }: { title: string; children: ReactNode; actions?: ReactNode; label?: string }) {
  return (
    <section aria-label={label ?? title} className="mt-8 space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold">{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export default async function DatasetPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const name = decodeURIComponent((await params).name);
  const query = await searchParams;
  const prisma = await openPrisma();
  const dataset = await getDataset(prisma, actor, name);
  // A hand-edited query string shows the first page rather than an error.
  const issuesQuery = datasetIssuesQuerySchema.safeParse({ page: query.issues, kind: query.kind });
  const { page, kind } = issuesQuery.success ? issuesQuery.data : { page: 1, kind: undefined };
  const versions = query.versions ? await listDatasetVersions(prisma, actor, name, { cursor: query.versions, limit: 20 }) : { items: dataset.versions, nextCursor: dataset.versionsNextCursor };
  const canEdit = hasRole(actor.role, "editor");
  const base = `/datasets/${encodeURIComponent(dataset.name)}`;
  const issuesHref = (p: number, k?: string) => `${base}?${new URLSearchParams({ ...(p > 1 ? { issues: String(p) } : {}), ...(k ? { kind: k } : {}) })}#issues`;
  const readable = !/^(bos|hdfs):/i.test(dataset.sourceUri);
  const version = dataset.latestVersion;

  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight">{dataset.name}</h1>
            <Badge tone="info">{dataset.task}</Badge>
            <span data-testid="dataset-status">
              <DatasetStatusBadge status={dataset.status} />
            </span>
          </div>
          {dataset.description && <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{dataset.description}</p>}
        </div>
        {/* SLOT: the preview gallery and statistics charts live at /datasets/[name]/preview (built separately). */}
        <ButtonLink href={`${base}/preview`} variant="secondary">
          Preview &amp; statistics
        </ButtonLink>
      </div>

      <dl className="grid max-w-4xl grid-cols-1 gap-x-8 gap-y-2 text-sm sm:grid-cols-2" aria-label="Summary">
        <div>
          <dt className="text-xs text-zinc-500">Source</dt>
          <dd className="break-all font-mono text-xs">{dataset.sourceKind === "upload" ? `Uploaded archive (kept at ${dataset.sourceUri})` : dataset.sourceUri}</dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-500">Credentials</dt>
          <dd>{dataset.hasCredentials ? "Stored, encrypted (never shown)" : "None: the console's store settings"}</dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-500">Label files</dt>
          <dd className="font-mono text-xs">
            train {dataset.trainLabelFile} · test {dataset.testLabelFile}
          </dd>
        </div>
        {dataset.task === "rec" && (
          <div>
            <dt className="text-xs text-zinc-500">Dictionary</dt>
            <dd className="font-mono text-xs">
              {dataset.dictionaryFile ?? "ppocr_keys_v1 (PaddleOCR's default)"} · use_space_char {String(dataset.useSpaceChar)}
            </dd>
          </div>
        )}
        <div>
          <dt className="text-xs text-zinc-500">Registered</dt>
          <dd>
            {dataset.createdAt.slice(0, 16).replace("T", " ")} UTC{dataset.createdBy ? ` by ${dataset.createdBy}` : ""}
          </dd>
        </div>
      </dl>

      <Section title="Validation">
        {!readable && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            The console cannot read {dataset.sourceUri.split(":")[0]}:// sources itself: they are cached by a Kubernetes target&apos;s SampleSet, below.
          </p>
        )}
        {dataset.sourceKind === "upload" && canEdit && <ArchiveUploader datasetName={dataset.name} hasFiles={dataset.validation !== null || version !== null} />}
        <ValidationPanel
          datasetName={dataset.name}
          initial={dataset.validation}
          canValidate={canEdit && (dataset.sourceKind !== "upload" || dataset.validation !== null || version !== null)}
          readable={readable}
        />
      </Section>

      {version && (
        <Section title={`Report of version ${version.version}`} label="Validation report">
          <ReportSummary version={version} issuesHref={(k) => issuesHref(1, k)} />
          <div id="issues">
            <IssuesTable report={version.report} page={page} kind={kind} href={issuesHref} />
          </div>
        </Section>
      )}

      <Section title="Versions">
        {versions.items.length === 0 ? (
          <p className="text-sm text-zinc-500">No version yet: each validation records one, with a manifest of every file and its sha256.</p>
        ) : (
          <>
            <VersionsTable datasetName={dataset.name} versions={versions.items} />
            <div className="flex gap-3 text-sm">
              {query.versions && (
                <Link href={base} className="text-indigo-600 hover:underline">
                  ← Newest
                </Link>
              )}
              {versions.nextCursor && (
                <Link href={`${base}?versions=${versions.nextCursor}`} className="text-indigo-600 hover:underline">
                  Older versions →
                </Link>
              )}
            </div>
          </>
        )}
      </Section>

      <Section title="Caches per target" label="Caches">
        <CachePanel datasetName={dataset.name} caches={dataset.caches} canCache={canEdit} newestVersion={version?.version ?? null} />
      </Section>
    </>
  );
}
