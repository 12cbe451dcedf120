import type { Actor } from "@/lib/auth/actor";
import { hasRole } from "@/lib/auth/roles";
import { prisma as openPrisma } from "@/lib/db";
import type { EndpointView } from "@/lib/schemas/endpoints";
import { ServingSettingsPanel } from "./serving-settings-panel";
import { TrafficPanel } from "./traffic-panel";

/** The endpoint page's Traffic and Settings panels, with the registry's versions a canary can be. */
export async function EndpointReleasePanels({ endpoint, actor }: { endpoint: EndpointView; actor: Actor }) {
  const canEdit = hasRole(actor.role, "editor");
  const versions =
    canEdit && endpoint.canSplitTraffic
      ? await (await openPrisma()).modelVersion.findMany({ where: { teamId: actor.teamId }, orderBy: { createdAt: "desc" }, take: 200, select: { modelName: true, version: true } })
      : [];
  return (
    <>
      <TrafficPanel initial={endpoint} canEdit={canEdit} modelVersions={versions.map((v) => `${v.modelName}:${v.version}`)} />
      <ServingSettingsPanel initial={endpoint} canEdit={canEdit} />
    </>
  );
}
