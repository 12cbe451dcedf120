import type { Metadata } from "next";
import { EndpointsTable } from "@/components/endpoints/endpoints-table";
import { EndpointForm } from "@/components/forms/endpoint-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { prisma as openPrisma } from "@/lib/db";
import { listEndpoints } from "@/lib/endpoints/list-endpoints";

export const metadata: Metadata = { title: "Endpoints" };

export default async function EndpointsPage() {
  const actor = await requireActor();
  const prisma = await openPrisma();
  const [endpoints, targets, versions] = await Promise.all([
    listEndpoints(prisma, actor),
    prisma.target.findMany({ where: { teamId: actor.teamId }, orderBy: { createdAt: "asc" } }),
    prisma.modelVersion.findMany({ where: { teamId: actor.teamId }, orderBy: { createdAt: "desc" }, take: 200 }),
  ]);
  const canDeploy = hasRole(actor.role, "editor");
  return (
    <>
      <PageHeader
        title="Endpoints"
        description="Model versions served by PaddleServing on Kubernetes, SageMaker endpoints, or this machine — open one to test it with an image."
      />
      <div className="grid gap-8 xl:grid-cols-[1fr_24rem]">
        <section aria-label="Endpoint list">
          {endpoints.length === 0 ? (
            <EmptyState title="No endpoints yet">
              Deploy a model version to get an endpoint: drop an image on it and see every text line boxed and read.
            </EmptyState>
          ) : (
            <EndpointsTable initial={endpoints} />
          )}
        </section>
        {canDeploy && (
          <section aria-label="Deploy an endpoint">
            <h2 className="mb-3 text-base font-semibold">Deploy a model version</h2>
            <EndpointForm
              targets={targets.map((t) => t.name)}
              targetKinds={Object.fromEntries(targets.map((t) => [t.name, t.kind]))}
              modelVersions={versions.map((v) => `${v.modelName}:${v.version}`)}
            />
          </section>
        )}
      </div>
    </>
  );
}
