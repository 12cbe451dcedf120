"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { browserUploadTransport, webCryptoDigest } from "./browser-upload-transport";
import { formatBytes, modelHref } from "./format";
import { UploadFailedError, uploadVersion, type ChosenFile, type UploadProgress } from "./upload-client";

type State =
  | { kind: "idle" }
  | { kind: "uploading"; progress: UploadProgress }
  | { kind: "failed"; message: string; sessionId: string | null; progress: UploadProgress | null }
  | { kind: "done"; version: string };

/** Files chosen from a folder keep their paths below the folder; single files go to the version's root. */
function chosenFiles(list: FileList | null): ChosenFile[] {
  return Array.from(list ?? []).map((file) => {
    const relative = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
    const parts = relative.split("/");
    return { path: parts.length > 1 ? parts.slice(1).join("/") : relative, file };
  });
}

/**
 * Upload a new version from the browser: a folder or files (.pdmodel/.pdiparams/.json, .onnx,
 * config.yml …), sent part by part through the console with a progress bar; a failed upload can
 * be resumed where it stopped, and every file's sha256 is checked at the end.
 */
export function VersionUploader({ defaultModel }: { defaultModel: string }) {
  const [modelName, setModelName] = useState(defaultModel);
  const [version, setVersion] = useState("");
  const [notes, setNotes] = useState("");
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [state, setState] = useState<State>({ kind: "idle" });
  const router = useRouter();
  const totalBytes = useMemo(() => files.reduce((sum, f) => sum + f.file.size, 0), [files]);
  const busy = state.kind === "uploading";

  const choose = (list: FileList | null) => {
    setFiles(chosenFiles(list));
    setState({ kind: "idle" });
  };

  const start = async (sessionId: string | null) => {
    const transport = browserUploadTransport(modelName.trim());
    setState({ kind: "uploading", progress: { sentBytes: 0, totalBytes, phase: "starting", file: null } });
    let last: UploadProgress | null = null;
    try {
      const done = await uploadVersion({
        transport,
        files,
        version: version.trim() || undefined,
        notes: notes.trim() || null,
        sessionId,
        partDigest: webCryptoDigest,
        onProgress: (progress) => {
          last = progress;
          setState({ kind: "uploading", progress });
        },
      });
      setState({ kind: "done", version: done.version });
      toast.success(`${modelName.trim()}:${done.version} uploaded and checked`);
      router.push(modelHref(modelName.trim(), done.version));
    } catch (error) {
      const failed = error instanceof UploadFailedError ? error : new UploadFailedError((error as Error).message, sessionId);
      setState({ kind: "failed", message: failed.message, sessionId: failed.sessionId, progress: last });
    }
  };

  const cancel = async (sessionId: string) => {
    try {
      await browserUploadTransport(modelName.trim()).abort(sessionId);
      toast.success("Upload cancelled");
    } catch (error) {
      toast.error((error as Error).message);
    }
    setState({ kind: "idle" });
  };

  const progress = state.kind === "uploading" ? state.progress : state.kind === "failed" ? state.progress : null;
  const percent = progress && progress.totalBytes > 0 ? Math.floor((progress.sentBytes / progress.totalBytes) * 100) : progress?.phase === "done" ? 100 : 0;

  return (
    <form
      className="max-w-2xl space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        void start(null);
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Model" name="model" hint="A new name creates the model.">
          <Input name="model" value={modelName} onChange={(e) => setModelName(e.target.value)} required pattern="[A-Za-z0-9][\w.\-]*" disabled={busy} />
        </Field>
        <Field label="Version" name="version" hint="Empty: the next number.">
          <Input name="version" value={version} onChange={(e) => setVersion(e.target.value)} placeholder="next number" disabled={busy} />
        </Field>
      </div>
      <Field label="Notes" name="notes">
        <Textarea name="notes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} disabled={busy} />
      </Field>
      <div className="space-y-2">
        <span className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">Files</span>
        <div className="flex flex-wrap gap-3">
          <label className="cursor-pointer rounded-md border border-dashed border-zinc-300 px-3 py-2 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900">
            Choose a folder…
            <input
              ref={(input) => {
                // React does not know the directory attributes; set them on the element.
                input?.setAttribute("webkitdirectory", "");
                input?.setAttribute("directory", "");
              }}
              type="file"
              multiple
              className="sr-only"
              aria-label="Choose a folder"
              disabled={busy}
              onChange={(e) => choose(e.target.files)}
            />
          </label>
          <label className="cursor-pointer rounded-md border border-dashed border-zinc-300 px-3 py-2 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900">
            Choose files…
            <input type="file" multiple className="sr-only" aria-label="Choose files" disabled={busy} onChange={(e) => choose(e.target.files)} />
          </label>
        </div>
        <p className="text-xs text-zinc-500">Paddle inference files (.pdmodel, .pdiparams, .json), ONNX models, config.yml, a dictionary — or a tarball.</p>
        {files.length > 0 && (
          <ul aria-label="Chosen files" className="max-h-48 overflow-auto rounded-md border border-zinc-200 text-xs dark:border-zinc-800">
            {files.map((f) => (
              <li key={f.path} className="flex justify-between gap-4 px-3 py-1 font-mono">
                <span>{f.path}</span>
                <span className="text-zinc-500">{formatBytes(f.file.size)}</span>
              </li>
            ))}
            <li className="flex justify-between gap-4 border-t border-zinc-200 px-3 py-1 font-medium dark:border-zinc-800">
              <span>
                {files.length} file{files.length === 1 ? "" : "s"}
              </span>
              <span>{formatBytes(totalBytes)}</span>
            </li>
          </ul>
        )}
      </div>

      {progress && (
        <div className="space-y-1">
          <div
            role="progressbar"
            aria-label="Upload progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
          >
            <div className={`h-full transition-[width] ${state.kind === "failed" ? "bg-red-500" : "bg-indigo-600"}`} style={{ width: `${percent}%` }} />
          </div>
          <p role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
            {progress.phase === "checking"
              ? "Checking every file's sha256…"
              : `${percent}% · ${formatBytes(progress.sentBytes)} of ${formatBytes(progress.totalBytes)}${progress.file ? ` · ${progress.file}` : ""}`}
          </p>
        </div>
      )}
      {state.kind === "failed" && (
        <div role="alert" className="space-y-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-300">
          <p>{state.message}</p>
          {state.sessionId && (
            <div className="flex gap-2">
              <Button variant="secondary" onClick={() => void start(state.sessionId)}>
                Resume upload
              </Button>
              <Button variant="ghost" onClick={() => void cancel(state.sessionId!)}>
                Cancel upload
              </Button>
            </div>
          )}
        </div>
      )}

      <Button type="submit" disabled={busy || files.length === 0 || !modelName.trim() || state.kind === "failed"}>
        {busy ? "Uploading…" : "Upload version"}
      </Button>
    </form>
  );
}
