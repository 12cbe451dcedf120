import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Endpoints" };

export default function EndpointsPage() {
  return (
    <>
      <PageHeader title="Endpoints" description="Model versions served by PaddleServing on Kubernetes, SageMaker endpoints, or this machine — with a test playground." />
      <EmptyState title="No endpoints yet" action={<ButtonLink href="/models">Choose a model version</ButtonLink>}>
        Deploy a model version to get an endpoint: blue-green or canary traffic, autoscaling and rollback, and a place to
        drop an image and see every text line boxed and read.
      </EmptyState>
    </>
  );
}
