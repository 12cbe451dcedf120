import type { Metadata } from "next";
import { TestCompare } from "@/components/endpoints/test-compare";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/require-actor";
import { prisma as openPrisma } from "@/lib/db";
import { getPrediction } from "@/lib/endpoints/get-prediction";

export const metadata: Metadata = { title: "Test" };

type Props = { params: Promise<{ name: string; id: string }> };

export default async function TestPage({ params }: Props) {
  const actor = await requireActor();
  const { name: rawName, id } = await params;
  const name = decodeURIComponent(rawName);
  const prisma = await openPrisma();
  const [test, endpoints] = await Promise.all([
    getPrediction(prisma, actor, name, id),
    prisma.endpoint.findMany({ where: { teamId: actor.teamId }, select: { name: true }, orderBy: { createdAt: "asc" } }),
  ]);
  const others = endpoints.map((e) => e.name).sort((a, b) => Number(a === name) - Number(b === name));
  return (
    <>
      <PageHeader title={`Test of ${test.at.slice(0, 19).replace("T", " ")} UTC`} description={`The image kept by ${name}, its answer, and the same image on another endpoint.`} />
      {test.hasImage ? (
        <TestCompare endpointName={name} test={test} imageUrl={`/api/v1/endpoints/${encodeURIComponent(name)}/predictions/${id}/image`} endpoints={others} />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">The image of this test was not kept (the object store was unavailable), so it cannot be re-run.</p>
      )}
    </>
  );
}
