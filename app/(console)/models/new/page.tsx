import type { Metadata } from "next";
import { VersionUploader } from "@/components/models/version-uploader";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { readConfig } from "@/lib/config/env";

export const metadata: Metadata = { title: "Upload a model version" };

type Props = { searchParams: Promise<{ model?: string }> };

export default async function NewModelVersionPage({ searchParams }: Props) {
  const actor = await requireActor();
  const { model } = await searchParams;
  return (
    <>
      <PageHeader
        title="Upload a model version"
        description={`The files go through the console to the ${readConfig().s3.bucket} bucket, part by part, and are checked (sha256) once they are all there.`}
      />
      {hasRole(actor.role, "editor") ? (
        <VersionUploader defaultModel={model ?? ""} />
      ) : (
        <p className="text-sm text-zinc-600">Uploading needs the editor role; you are {actor.role}.</p>
      )}
    </>
  );
}
