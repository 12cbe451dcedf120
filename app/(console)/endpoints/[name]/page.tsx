import type { Metadata } from "next";
import Link from "next/link";
import { EndpointHeader } from "@/components/endpoints/endpoint-header";
import { EndpointPlayground } from "@/components/endpoints/endpoint-playground";
import { EndpointReleasePanels } from "@/components/endpoints/endpoint-release-panels";
import { Cell, Table } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { prisma as openPrisma } from "@/lib/db";
import { getEndpoint } from "@/lib/endpoints/list-endpoints";
import { listPredictions } from "@/lib/endpoints/list-predictions";

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).name) };
}

export default async function EndpointPage({ params }: Props) {
  const actor = await requireActor();
  const name = decodeURIComponent((await params).name);
  const prisma = await openPrisma();
  const [endpoint, history] = await Promise.all([getEndpoint(prisma, actor, name), listPredictions(prisma, actor, name)]);
  return (
    <>
      <EndpointHeader initial={endpoint} canDelete={hasRole(actor.role, "editor")} />
      <EndpointPlayground endpointName={endpoint.name} />
      <EndpointReleasePanels endpoint={endpoint} actor={actor} />
      <section aria-label="Test history" className="mt-10">
        <h2 className="mb-3 text-base font-semibold">Recent tests</h2>
        {history.length === 0 ? (
          <p className="text-sm text-zinc-500">No tests yet: drop an image above.</p>
        ) : (
          <Table label="Recent tests" head={["Image", "When", "By", "Lines", "Text", "Latency", "Size", ""]}>
            {history.map((test) => (
              <tr key={test.id}>
                <Cell>
                  {test.hasImage ? (
                    <a href={`/api/v1/endpoints/${endpoint.name}/predictions/${test.id}/image`} target="_blank" rel="noreferrer">
                      {/* eslint-disable-next-line @next/next/no-img-element -- a private, authenticated API image, not a static asset */}
                      <img
                        src={`/api/v1/endpoints/${endpoint.name}/predictions/${test.id}/image?size=thumb`}
                        alt={`Image tested at ${test.at}`}
                        className="h-12 w-auto max-w-24 rounded border border-zinc-200 object-contain dark:border-zinc-700"
                      />
                    </a>
                  ) : (
                    "—"
                  )}
                </Cell>
                <Cell>{test.at.slice(0, 19).replace("T", " ")} UTC</Cell>
                <Cell>{test.by ?? "—"}</Cell>
                <Cell>{test.lineCount}</Cell>
                <Cell>
                  <span className="block max-w-md truncate">{test.preview || "—"}</span>
                </Cell>
                <Cell>{test.latencyMs} ms</Cell>
                <Cell>{(test.imageBytes / 1024).toFixed(0)} KiB</Cell>
                <Cell>
                  <Link href={`/endpoints/${endpoint.name}/tests/${test.id}`} className="text-sm text-indigo-600 hover:underline">
                    Open · compare
                  </Link>
                </Cell>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </>
  );
}
