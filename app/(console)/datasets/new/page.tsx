import type { Metadata } from "next";
import { RegisterDatasetForm } from "@/components/datasets/register-dataset-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Register dataset" };

export default async function NewDatasetPage() {
  const actor = await requireActor();
  return (
    <>
      <PageHeader
        title="Register dataset"
        description={
          <>
            Point the console at a PaddleOCR dataset, or upload it. Label files use PaddleOCR&apos;s formats: detection lines are{" "}
            <code className="font-mono text-xs">{"path\t[{\"transcription\": …, \"points\": [[x,y],…]}]"}</code>, recognition lines{" "}
            <code className="font-mono text-xs">{"path\ttext"}</code>. Validation starts as soon as the files are there.
          </>
        }
      />
      {hasRole(actor.role, "editor") ? (
        <RegisterDatasetForm />
      ) : (
        <p role="alert" className="text-sm text-zinc-600 dark:text-zinc-400">
          You are a viewer: registering datasets needs the editor or admin role.
        </p>
      )}
    </>
  );
}
