import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AliasBadges } from "@/components/models/alias-badges";
import { AliasPanel } from "@/components/models/alias-panel";
import { DeleteVersionPanel } from "@/components/models/delete-version-panel";
import { formatBytes, formatMetric, formatTime, modelHref } from "@/components/models/format";
import { NotesEditor } from "@/components/models/notes-editor";
import { VersionFiles } from "@/components/models/version-files";
import { YamlView } from "@/components/models/yaml-view";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Cell, Table } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError } from "@/lib/errors/console-error";
import { getVersion } from "@/lib/registry/get-version";

type Props = { params: Promise<{ name: string; version: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name, version } = await params;
  return { title: `${decodeURIComponent(name)}:${decodeURIComponent(version)}` };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="space-y-3">
      <h2 className="text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function VersionPage({ params }: Props) {
  const actor = await requireActor();
  const { name: rawName, version: rawVersion } = await params;
  const name = decodeURIComponent(rawName);
  const prisma = await openPrisma();
  const version = await getVersion(prisma, actor, name, decodeURIComponent(rawVersion)).catch((error: unknown) => {
    if (error instanceof ConsoleError && (error.code === "not_found" || error.code === "bad_request")) notFound();
    throw error;
  });
  const canEdit = hasRole(actor.role, "editor");
  const metrics = Object.entries(version.metrics);
  const parameters = Object.entries(version.parameters);
  const { run, dataset, datasetVersion } = version.lineage;
  const blockers = [
    ...(version.endpoints.length > 0 ? [`endpoint ${version.endpoints.join(", ")} serves it`] : []),
    ...(version.aliases.length > 0 ? [`${version.aliases.join(", ")} point${version.aliases.length === 1 ? "s" : ""} at it`] : []),
  ];

  return (
    <>
      <PageHeader
        title={`${version.modelName}:${version.version}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {version.status === "uploading" && <Badge tone="info">uploading</Badge>}
            <AliasBadges aliases={version.aliases.map((alias) => ({ alias }))} />
            <span className="font-mono">{version.format ?? "unknown format"}</span>· {formatBytes(version.sizeBytes)} in {version.fileCount} file
            {version.fileCount === 1 ? "" : "s"} · registered {formatTime(version.createdAt)}
            {version.createdBy && ` by ${version.createdBy}`}
            {!version.hasManifest && <Badge>no model.json: inferred from its files</Badge>}
          </span>
        }
      />
      <div className="grid gap-10 xl:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-10">
          <Section title="Metrics">
            {metrics.length === 0 ? (
              <p className="text-sm text-zinc-500">No metrics recorded.</p>
            ) : (
              <Table label="Metrics" head={["Metric", "Value"]}>
                {metrics.map(([metric, value]) => (
                  <tr key={metric}>
                    <Cell>{metric}</Cell>
                    <Cell mono>{formatMetric(value)}</Cell>
                  </tr>
                ))}
              </Table>
            )}
          </Section>

          <Section title="Lineage">
            <ol className="flex flex-wrap items-center gap-2 text-sm" aria-label="Lineage">
              <li>
                Run{" "}
                {run ? (
                  <Link href={`/runs/${encodeURIComponent(run.name)}`} className="text-indigo-600 hover:underline">
                    {run.name}
                  </Link>
                ) : (
                  <span className="text-zinc-500">—</span>
                )}
              </li>
              <li aria-hidden>→</li>
              <li>
                Dataset version{" "}
                {dataset?.name ? (
                  <Link href={`/datasets/${encodeURIComponent(dataset.name)}`} className="text-indigo-600 hover:underline">
                    {dataset.name}
                    {datasetVersion?.version ? ` v${datasetVersion.version}` : ""}
                  </Link>
                ) : (
                  <span className="text-zinc-500">—</span>
                )}
              </li>
              <li aria-hidden>→</li>
              <li>
                Source <span className="font-mono text-xs">{dataset?.sourceUri ?? "—"}</span>
              </li>
            </ol>
            <p className="text-xs text-zinc-500">
              Stored at <span className="font-mono">{version.storageUri}</span>
            </p>
          </Section>

          <Section title="Files">
            {version.files.length === 0 ? <p className="text-sm text-zinc-500">No files found.</p> : <VersionFiles modelName={version.modelName} version={version.version} files={version.files} />}
          </Section>

          <Section title="Training config">
            {version.config ? (
              <>
                <p className="text-xs text-zinc-500">
                  <span className="font-mono">{version.config.path}</span>
                  {version.config.truncated && " (first 256 KiB)"}
                </p>
                <YamlView text={version.config.text} label="Training config file" />
              </>
            ) : (
              <p className="text-sm text-zinc-500">No config.yml in this version.</p>
            )}
          </Section>

          {parameters.length > 0 && (
            <Section title="Parameters">
              <Table label="Parameters" head={["Parameter", "Value"]}>
                {parameters.map(([key, value]) => (
                  <tr key={key}>
                    <Cell mono>{key}</Cell>
                    <Cell mono>{typeof value === "string" ? value : JSON.stringify(value)}</Cell>
                  </tr>
                ))}
              </Table>
            </Section>
          )}
        </div>

        <aside className="space-y-10">
          <Section title="Notes">
            <NotesEditor modelName={version.modelName} version={version.version} notes={version.notes} canEdit={canEdit} />
          </Section>

          <AliasPanel modelName={version.modelName} aliases={version.aliasDetails} versions={[version.version]} defaultVersion={version.version} canEdit={canEdit} />

          <Section title="Compare">
            <form action={`${modelHref(version.modelName)}/compare`} className="flex items-end gap-2">
              <input type="hidden" name="a" value={version.version} />
              <div className="w-32">
                <label htmlFor="b" className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
                  With version
                </label>
                <Input name="b" required />
              </div>
              <Button type="submit" variant="secondary">
                Compare
              </Button>
            </form>
          </Section>

          <Section title="Deployments">
            {version.deployments.length === 0 ? (
              <p className="text-sm text-zinc-500">Not deployed.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {version.deployments.map((d) => (
                  <li key={`${d.endpoint}-${d.role}`}>
                    <Link href={`/endpoints/${encodeURIComponent(d.endpoint)}`} className="text-indigo-600 hover:underline">
                      {d.endpoint}
                    </Link>{" "}
                    <span className="text-zinc-500">
                      {d.role}, {d.trafficPercent}% of traffic
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          {canEdit && <DeleteVersionPanel modelName={version.modelName} version={version.version} blockers={blockers} />}
        </aside>
      </div>
    </>
  );
}
