import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { recordedRequest } from "@/components/runs/recorded-request";
import { RunDetail } from "@/components/runs/run-detail";
import { runTab } from "@/components/runs/run-tabs";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError } from "@/lib/errors/console-error";
import { getRun } from "@/lib/runs/get-run";
import { runEvents } from "@/lib/runs/run-events";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).id) };
}

export default async function RunPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const idOrName = decodeURIComponent((await params).id);
  const { tab } = await searchParams;
  const prisma = await openPrisma();
  const run = await getRun(prisma, actor, idOrName).catch((error: unknown) => {
    if (error instanceof ConsoleError && error.code === "not_found") notFound();
    throw error;
  });
  const [events, recorded, clonedFrom, modelVersions] = await Promise.all([
    runEvents(prisma, actor, run.id),
    prisma.trainingRun.findUnique({ where: { id: run.id }, select: { request: true } }),
    run.clonedFrom ? prisma.trainingRun.findFirst({ where: { id: run.clonedFrom, teamId: actor.teamId }, select: { id: true, name: true } }) : null,
    prisma.modelVersion.findMany({ where: { teamId: actor.teamId, runId: run.id }, orderBy: { createdAt: "asc" }, select: { modelName: true, version: true } }),
  ]);

  return (
    <RunDetail
      key={run.id}
      initialRun={run}
      initialEvents={events}
      lineage={{ clonedFrom, modelVersions }}
      request={recordedRequest(recorded?.request)}
      initialTab={runTab(tab)}
      canEdit={hasRole(actor.role, "editor")}
    />
  );
}
