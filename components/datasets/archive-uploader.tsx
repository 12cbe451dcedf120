"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { FormError } from "@/components/forms/form-error";
import { Button } from "@/components/ui/button";
import { ARCHIVE_ACCEPT, uploadArchive } from "./upload-archive";
import { UploadProgress } from "./upload-progress";

/** Uploads (or replaces) an uploaded dataset's archive from its page; validation starts on the server. */
export function ArchiveUploader({ datasetName, hasFiles }: { datasetName: string; hasFiles: boolean }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload() {
    const file = input.current?.files?.[0];
    if (!file) return setError("Choose the dataset's .zip or .tar.gz archive");
    setError(null);
    setProgress({ loaded: 0, total: file.size });
    try {
      await uploadArchive(datasetName, file, (loaded, total) => setProgress({ loaded, total }));
      toast.success(`Archive uploaded; validating ${datasetName}`);
      if (input.current) input.current.value = "";
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="space-y-2">
      <label htmlFor="archive" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {hasFiles ? "Replace the files with a new archive" : "Archive"}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={input}
          id="archive"
          type="file"
          accept={ARCHIVE_ACCEPT}
          className="text-sm file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-1.5 file:text-sm file:font-medium dark:file:bg-zinc-800"
        />
        <Button variant="secondary" onClick={upload} disabled={progress !== null}>
          Upload archive
        </Button>
      </div>
      {progress && <UploadProgress loaded={progress.loaded} total={progress.total} />}
      <FormError message={error} />
    </div>
  );
}
