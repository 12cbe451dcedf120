import { formatBytes } from "@/lib/datasets/format-bytes";

/** The browser's upload of an archive: bytes sent of the file's size. */
export function UploadProgress({ loaded, total }: { loaded: number; total: number }) {
  const percent = total > 0 ? Math.round((100 * loaded) / total) : 0;
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label="Upload progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded bg-zinc-100 dark:bg-zinc-800"
      >
        <div className="h-full bg-indigo-500 transition-[width] duration-300" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {percent < 100 ? `Uploading ${formatBytes(loaded)} of ${formatBytes(total)} (${percent}%)` : "Uploaded; extracting and checking the archive…"}
      </p>
    </div>
  );
}
