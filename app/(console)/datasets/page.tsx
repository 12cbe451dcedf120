import type { Metadata } from "next";
import Link from "next/link";
import { DatasetStatusBadge } from "@/components/datasets/dataset-status-badge";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Table } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { listDatasets } from "@/lib/datasets/list-datasets";
import { prisma } from "@/lib/db";

export const metadata: Metadata = { title: "Datasets" };

export default async function DatasetsPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const actor = await requireActor();
  const { cursor } = await searchParams;
  const page = await listDatasets(await prisma(), actor, { cursor, limit: 50 });
  const canCreate = hasRole(actor.role, "editor");
  const registerButton = canCreate ? <ButtonLink href="/datasets/new">Register dataset</ButtonLink> : null;

  return (
    <>
      <PageHeader
        title="Datasets"
        description="PaddleOCR detection and recognition datasets in object storage, HDFS or on the web — registered once, then validated, previewed and cached on a target."
        actions={page.items.length > 0 ? registerButton : null}
      />
      {page.items.length === 0 && !cursor ? (
        <EmptyState title="No datasets yet" action={registerButton}>
          Register an ICDAR-style detection set or a recognition line set by its source URI (s3://, minio://, bos://,
          hdfs:// or https://), or upload it as a .zip or .tar.gz, with its PaddleOCR label files. {!canCreate && "Ask an editor or admin to register one."}
        </EmptyState>
      ) : (
        <>
          <Table label="Datasets" head={["Name", "Task", "Status", "Source", "Train labels", "Test labels", "Registered by", "Registered"]}>
            {page.items.map((dataset) => (
              <tr key={dataset.id}>
                <Cell>
                  <Link href={`/datasets/${encodeURIComponent(dataset.name)}`} className="font-medium text-indigo-600 hover:underline">
                    {dataset.name}
                  </Link>
                </Cell>
                <Cell>
                  <Badge tone="info">{dataset.task}</Badge>
                </Cell>
                <Cell>
                  <DatasetStatusBadge status={dataset.status} />
                </Cell>
                <Cell mono>{dataset.sourceKind === "upload" ? "uploaded archive" : dataset.sourceUri}</Cell>
                <Cell mono>{dataset.trainLabelFile}</Cell>
                <Cell mono>{dataset.testLabelFile}</Cell>
                <Cell>{dataset.createdBy ?? "—"}</Cell>
                <Cell>
                  <time dateTime={dataset.createdAt}>{dataset.createdAt.slice(0, 16).replace("T", " ")} UTC</time>
                </Cell>
              </tr>
            ))}
          </Table>
          <div className="mt-4 flex gap-3 text-sm">
            {cursor && <Link href="/datasets" className="text-indigo-600 hover:underline">← Newest</Link>}
            {page.nextCursor && (
              <Link href={`/datasets?cursor=${page.nextCursor}`} className="text-indigo-600 hover:underline">
                Older →
              </Link>
            )}
          </div>
        </>
      )}
    </>
  );
}
