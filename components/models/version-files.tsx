"use client";

import { useState } from "react";
import type { VersionFileView } from "@/lib/schemas/models";
import { getJson } from "./api";
import { fileDownloadHref, formatBytes } from "./format";

type Contents = { entries: Array<{ path: string; size: number }>; truncated: boolean };

/** A version's files with size and sha256, each downloadable through the console; tarballs open to their entries. */
export function VersionFiles({ modelName, version, files }: { modelName: string; version: string; files: VersionFileView[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table aria-label="Files" className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        <thead className="bg-zinc-50 dark:bg-zinc-900">
          <tr>
            {["File", "Size", "sha256", ""].map((h) => (
              <th key={h} scope="col" className="px-4 py-2 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {files.map((file) => (
            <FileRow key={file.path} modelName={modelName} version={version} file={file} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FileRow({ modelName, version, file }: { modelName: string; version: string; file: VersionFileView }) {
  const [contents, setContents] = useState<Contents | null>(file.contents ? { entries: file.contents, truncated: file.contentsTruncated } : null);
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });

  const toggle = async () => {
    setOpen(!open);
    if (contents || open) return;
    setState({ loading: true, error: null });
    try {
      const url = `/api/v1/models/${encodeURIComponent(modelName)}/versions/${encodeURIComponent(version)}/contents?file=${encodeURIComponent(file.path)}`;
      setContents(await getJson<Contents>(url));
      setState({ loading: false, error: null });
    } catch (error) {
      setState({ loading: false, error: (error as Error).message });
    }
  };

  return (
    <>
      <tr>
        <td className="px-4 py-2 font-mono text-xs">
          {file.path}
          {file.tarball && (
            <button type="button" onClick={toggle} className="ml-2 text-indigo-600 hover:underline" aria-expanded={open}>
              {open ? "hide contents" : "show contents"}
            </button>
          )}
        </td>
        <td className="whitespace-nowrap px-4 py-2">{formatBytes(file.size)}</td>
        <td className="px-4 py-2 font-mono text-xs" title={file.sha256 ?? "not recorded: this version has no model.json"}>
          {file.sha256 ? `${file.sha256.slice(0, 16)}…` : "—"}
        </td>
        <td className="whitespace-nowrap px-4 py-2">
          {file.downloadable && (
            <a href={fileDownloadHref(modelName, version, file.path)} className="text-indigo-600 hover:underline" download>
              Download
            </a>
          )}
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={4} className="bg-zinc-50 px-8 py-2 text-xs dark:bg-zinc-900">
            {state.loading && <span>Reading the tarball…</span>}
            {state.error && (
              <span role="alert" className="text-red-600">
                {state.error}
              </span>
            )}
            {contents && (
              <ul aria-label={`Contents of ${file.path}`} className="space-y-0.5 font-mono">
                {contents.entries.map((entry) => (
                  <li key={entry.path} className="flex justify-between gap-6">
                    <span>{entry.path}</span>
                    <span className="text-zinc-500">{formatBytes(entry.size)}</span>
                  </li>
                ))}
                {contents.truncated && <li className="text-zinc-500">… and more entries</li>}
              </ul>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
