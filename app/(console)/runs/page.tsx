import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Runs" };

export default function RunsPage() {
  return (
    <>
      <PageHeader title="Runs" description="PaddleOCR training runs on every target, with live status, logs, curves and comparison." />
      <EmptyState
        title="No training runs yet"
        action={
          <>
            <ButtonLink href="/datasets/new">Register a dataset</ButtonLink>
            <ButtonLink href="/settings/targets" variant="secondary">
              Add a target
            </ButtonLink>
          </>
        }
      >
        Each run trains a PP-OCR detection or recognition model from a dataset on a target — this machine, a PaddleCloud
        cluster (PaddleJob) or AWS SageMaker — and lists its status, logs, metrics and outputs here. A run starts from a
        dataset and a target.
      </EmptyState>
    </>
  );
}
