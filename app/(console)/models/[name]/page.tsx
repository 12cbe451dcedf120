import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AliasPanel } from "@/components/models/alias-panel";
import { KEY_METRICS, modelHref } from "@/components/models/format";
import { VersionsTable } from "@/components/models/versions-table";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { readConfig } from "@/lib/config/env";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError } from "@/lib/errors/console-error";
import { getModel } from "@/lib/registry/get-model";
import { listVersions } from "@/lib/registry/list-versions";

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).name) };
}

export default async function ModelPage({ params }: Props) {
  const actor = await requireActor();
  const name = decodeURIComponent((await params).name);
  const prisma = await openPrisma();
  const [model, versions] = await Promise.all([getModel(prisma, actor, name), listVersions(prisma, actor, name, { limit: 50 })]).catch((error: unknown) => {
    if (error instanceof ConsoleError && (error.code === "not_found" || error.code === "bad_request")) notFound();
    throw error;
  });
  const canEdit = hasRole(actor.role, "editor");
  const metricColumns = KEY_METRICS.filter((metric) => versions.items.some((v) => v.metrics[metric] !== undefined));
  return (
    <>
      <PageHeader
        title={model.name}
        description={
          <>
            {model.versionCount} version{model.versionCount === 1 ? "" : "s"} in <code className="font-mono">s3://{readConfig().s3.bucket}/{model.name}/</code>
          </>
        }
        actions={canEdit ? <ButtonLink href={`/models/new?model=${encodeURIComponent(model.name)}`}>Upload a new version</ButtonLink> : null}
      />
      <div className="grid gap-8 xl:grid-cols-[1fr_22rem]">
        <section aria-label="Model versions">
          <h2 className="mb-3 text-base font-semibold">Versions</h2>
          <VersionsTable modelName={model.name} initial={versions} metricColumns={[...metricColumns]} />
        </section>
        <AliasPanel modelName={model.name} aliases={model.aliases} versions={versions.items.map((v) => v.version)} canEdit={canEdit} />
      </div>
      <p className="mt-8 text-xs text-zinc-500">
        REST: <code className="font-mono">GET /api/v1/models/{model.name}/versions</code> ·{" "}
        <a className="text-indigo-600 hover:underline" href={modelHref(model.name) + "/compare"}>
          compare versions
        </a>
      </p>
    </>
  );
}
