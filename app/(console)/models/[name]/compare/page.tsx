import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CompareView } from "@/components/models/compare-view";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/require-actor";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError } from "@/lib/errors/console-error";
import { compareVersions } from "@/lib/registry/compare-versions";
import { listVersions } from "@/lib/registry/list-versions";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<{ a?: string; b?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Compare ${decodeURIComponent((await params).name)}` };
}

export default async function CompareVersionsPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const name = decodeURIComponent((await params).name);
  const { a, b } = await searchParams;
  const prisma = await openPrisma();
  const comparison =
    a && b
      ? await compareVersions(prisma, actor, name, { a, b }).catch((error: unknown) => {
          if (error instanceof ConsoleError && error.code === "not_found") return error;
          throw error;
        })
      : null;
  const recent = await listVersions(prisma, actor, name, { limit: 200 }).catch(() => notFound());
  return (
    <>
      <PageHeader title={`Compare versions of ${name}`} description="Metrics side by side with deltas, the training config diff and which files differ." />
      <form className="mb-8 flex flex-wrap items-end gap-3" aria-label="Pick versions">
        {(["a", "b"] as const).map((side) => (
          <div key={side} className="w-36">
            <label htmlFor={side} className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
              Version {side.toUpperCase()}
            </label>
            <Input name={side} list="compare-versions" defaultValue={side === "a" ? a : b} required />
          </div>
        ))}
        <datalist id="compare-versions">
          {recent.items.map((v) => (
            <option key={v.id} value={v.version} />
          ))}
        </datalist>
        <Button type="submit" variant="secondary">
          Compare
        </Button>
      </form>
      {comparison instanceof ConsoleError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {comparison.message}
        </p>
      ) : comparison ? (
        <CompareView comparison={comparison} />
      ) : (
        <p className="text-sm text-zinc-500">Pick two versions to compare.</p>
      )}
    </>
  );
}
