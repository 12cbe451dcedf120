import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Pipelines" };

export default function PipelinesPage() {
  return (
    <>
      <PageHeader title="Pipelines" description="The whole chain — volume → dataset → train → register → serve — as one run, like the kfp pipeline you write today." />
      <EmptyState title="No pipeline runs yet" action={<ButtonLink href="/datasets/new">Start with a dataset</ButtonLink>}>
        A pipeline run takes a dataset through training, registers the model version and deploys it, showing each step&apos;s
        status and logs in one place.
      </EmptyState>
    </>
  );
}
