import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Models" };

export default function ModelsPage() {
  return (
    <>
      <PageHeader title="Models" description="The team's model registry in MinIO or S3: names, versions, metrics, lineage and aliases such as production." />
      <EmptyState title="No models registered yet" action={<ButtonLink href="/runs">Go to runs</ButtonLink>}>
        Model versions appear here when a training run registers its outputs, or when versions already in the team&apos;s
        <code className="mx-1 font-mono">model-center</code>bucket are picked up. Each version shows its files, metrics,
        the run and dataset that made it, and can be compared with another.
      </EmptyState>
    </>
  );
}
