"use client";

import { Button } from "@/components/ui/button";
import { newRow, type ConfigChangeRow } from "./config-changes";

const CONTROL =
  "block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-xs shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500 dark:border-zinc-700 dark:bg-zinc-900";

/** PaddleOCR's `-o Key.Sub=value` overrides as rows of key and value, each row checked as it is typed. */
export function ConfigChangesTable({
  rows,
  errors,
  onChange,
  disabled,
}: {
  rows: ConfigChangeRow[];
  errors: Record<string, string>;
  onChange(rows: ConfigChangeRow[]): void;
  disabled?: boolean;
}) {
  const update = (id: string, change: Partial<ConfigChangeRow>) => onChange(rows.map((row) => (row.id === id ? { ...row, ...change } : row)));

  return (
    <fieldset className="space-y-2" disabled={disabled}>
      <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">Config changes</legend>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Passed to <code className="font-mono">tools/train.py -o</code>, e.g. <code className="font-mono">Global.epoch_num</code> ={" "}
        <code className="font-mono">100</code>. Dataset paths, output folders and VisualDL are set by the target.
      </p>
      <table aria-label="Config changes" className="w-full text-sm">
        <thead>
          <tr className="text-left text-xs text-zinc-500">
            <th scope="col" className="w-1/2 pb-1 font-medium">Key</th>
            <th scope="col" className="pb-1 font-medium">Value</th>
            <th scope="col" className="w-8 pb-1">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const error = errors[row.id];
            return (
              <tr key={row.id} className="align-top" data-testid="config-change-row">
                <td className="pb-1 pr-2">
                  <input
                    aria-label={`Key ${index + 1}`}
                    className={CONTROL}
                    value={row.key}
                    placeholder="Global.epoch_num"
                    spellCheck={false}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${row.id}-error` : undefined}
                    onChange={(e) => update(row.id, { key: e.target.value })}
                  />
                  {error && (
                    <p id={`${row.id}-error`} role="alert" className="mt-0.5 text-xs text-red-600 dark:text-red-400">
                      {error}
                    </p>
                  )}
                </td>
                <td className="pb-1 pr-2">
                  <input
                    aria-label={`Value ${index + 1}`}
                    className={CONTROL}
                    value={row.value}
                    placeholder="100"
                    spellCheck={false}
                    aria-invalid={error ? true : undefined}
                    onChange={(e) => update(row.id, { value: e.target.value })}
                  />
                </td>
                <td className="pb-1">
                  <button
                    type="button"
                    aria-label={`Remove change ${index + 1}`}
                    className="rounded px-2 py-1 text-zinc-500 hover:bg-zinc-100 hover:text-red-600 dark:hover:bg-zinc-800"
                    onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Button variant="secondary" onClick={() => onChange([...rows, newRow()])}>
        Add change
      </Button>
    </fieldset>
  );
}
