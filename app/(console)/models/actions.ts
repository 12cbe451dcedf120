"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/api/authorized-action";
import { deleteVersion } from "@/lib/registry/delete-version";
import { removeAlias } from "@/lib/registry/remove-alias";
import { rescanBucket } from "@/lib/registry/rescan-bucket";
import { setAlias } from "@/lib/registry/set-alias";
import { updateNotes } from "@/lib/registry/update-notes";
import { abortUpload, completeUpload, createUpload } from "@/lib/registry/upload-session";

const modelPath = (name: string) => `/models/${encodeURIComponent(name)}`;

export const rescanBucketAction = authorizedAction("editor", async ({ prisma, actor }) => {
  const report = await rescanBucket(prisma, actor);
  revalidatePath("/models", "layout");
  return report;
});

export const setAliasAction = authorizedAction(
  "editor",
  async ({ prisma, actor }, input: { modelName: string; alias: string; version: string; expectedVersion?: string | null }) => {
    const alias = await setAlias(prisma, actor, input.modelName, input.alias, { version: input.version, expectedVersion: input.expectedVersion });
    revalidatePath(modelPath(input.modelName), "layout");
    return alias;
  },
);

export const removeAliasAction = authorizedAction("editor", async ({ prisma, actor }, input: { modelName: string; alias: string }) => {
  await removeAlias(prisma, actor, input.modelName, input.alias);
  revalidatePath(modelPath(input.modelName), "layout");
  return null;
});

export const updateNotesAction = authorizedAction("editor", async ({ prisma, actor }, input: { modelName: string; version: string; notes: string | null }) => {
  const result = await updateNotes(prisma, actor, input.modelName, input.version, { notes: input.notes });
  revalidatePath(`${modelPath(input.modelName)}/versions/${encodeURIComponent(input.version)}`);
  return result;
});

export const deleteVersionAction = authorizedAction("editor", async ({ prisma, actor }, input: { modelName: string; version: string; confirm: string }) => {
  await deleteVersion(prisma, actor, input.modelName, input.version, { confirm: input.confirm });
  revalidatePath("/models", "layout");
  return null;
});

export const createUploadAction = authorizedAction("editor", async ({ prisma, actor }, input: { modelName: string; upload: unknown }) =>
  createUpload(prisma, actor, input.modelName, input.upload),
);

export const completeUploadAction = authorizedAction("editor", async ({ prisma, actor }, input: { modelName: string; uploadId: string; files: unknown }) => {
  const registered = await completeUpload(prisma, actor, input.modelName, input.uploadId, { files: input.files });
  revalidatePath("/models", "layout");
  return registered;
});

export const abortUploadAction = authorizedAction("editor", async ({ prisma, actor }, input: { modelName: string; uploadId: string }) => {
  await abortUpload(prisma, actor, input.modelName, input.uploadId);
  return null;
});
