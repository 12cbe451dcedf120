import type { Metadata } from "next";
import { ModelsTable } from "@/components/models/models-table";
import { RescanButton } from "@/components/models/rescan-button";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { readConfig } from "@/lib/config/env";
import { prisma } from "@/lib/db";
import { listModels } from "@/lib/registry/list-models";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage() {
  const actor = await requireActor();
  const initial = await listModels(await prisma(), actor, { sort: "updated", order: "desc", limit: 50 });
  const canEdit = hasRole(actor.role, "editor");
  const bucket = readConfig().s3.bucket;
  return (
    <>
      <PageHeader
        title="Models"
        description={`The team's model registry in the ${bucket} bucket: every model with its versions, metrics, lineage and aliases such as production.`}
        actions={
          canEdit ? (
            <>
              <ButtonLink href="/models/new">Upload a version</ButtonLink>
              <RescanButton />
            </>
          ) : null
        }
      />
      {initial.items.length === 0 ? (
        <EmptyState title="No models registered yet" action={canEdit ? <ButtonLink href="/models/new">Upload a version</ButtonLink> : <ButtonLink href="/runs">Go to runs</ButtonLink>}>
          Model versions appear here when a training run registers its outputs, when you upload one, or when versions already in the
          <code className="mx-1 font-mono">{bucket}</code>bucket are picked up by a rescan.
        </EmptyState>
      ) : (
        <ModelsTable initial={initial} />
      )}
    </>
  );
}
