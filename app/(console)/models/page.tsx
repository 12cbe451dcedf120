import type { Metadata } from "next";
import Link from "next/link";
import { RescanButton } from "@/components/models/rescan-button";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Table } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { listModelVersions } from "@/lib/registry/list-model-versions";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage() {
  const actor = await requireActor();
  const versions = await listModelVersions(await prisma(), actor);
  return (
    <>
      <PageHeader
        title="Models"
        description="The team's model registry in MinIO or S3: names, versions, metrics, lineage and aliases such as production."
        actions={hasRole(actor.role, "editor") ? <RescanButton /> : null}
      />
      {versions.length === 0 ? (
        <EmptyState title="No models registered yet" action={<ButtonLink href="/runs">Go to runs</ButtonLink>}>
          Model versions appear here when a training run registers its outputs, or when versions already in the team&apos;s
          <code className="mx-1 font-mono">model-center</code>bucket are picked up.
        </EmptyState>
      ) : (
        <Table label="Model versions" head={["Model", "Version", "Format", "Metrics", "Stored at", "Served by", "Registered"]}>
          {versions.map((v) => (
            <tr key={v.id}>
              <Cell>
                <span className="font-medium">{v.modelName}</span>
              </Cell>
              <Cell mono>{v.version}</Cell>
              <Cell mono>{v.format ?? "—"}</Cell>
              <Cell mono>{Object.entries(v.metrics).map(([k, value]) => `${k} ${value}`).join(" · ") || "—"}</Cell>
              <Cell mono>{v.storageUri}</Cell>
              <Cell>
                {v.endpoints.length === 0
                  ? "—"
                  : v.endpoints.map((name) => (
                      <Link key={name} href={`/endpoints/${name}`} className="mr-2 text-indigo-600 hover:underline">
                        {name}
                      </Link>
                    ))}
              </Cell>
              <Cell>{v.createdAt.slice(0, 10)}</Cell>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
