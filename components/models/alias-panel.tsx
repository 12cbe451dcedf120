"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { removeAliasAction, setAliasAction } from "@/app/(console)/models/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import type { AliasView } from "@/lib/schemas/models";
import { formatTime } from "./format";

/**
 * A model's aliases with who set them and when; editors set or move one (production, staging or
 * any name). A move is conditional on the version shown here, so two people moving the same alias
 * at once cannot silently undo each other: the second is told and sees the new state.
 */
export function AliasPanel({ modelName, aliases, versions, canEdit, defaultVersion }: { modelName: string; aliases: AliasView[]; versions: string[]; canEdit: boolean; defaultVersion?: string }) {
  const [alias, setAlias] = useState("production");
  const [version, setVersion] = useState(defaultVersion ?? versions[0] ?? "");
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const current = aliases.find((a) => a.alias === alias.trim());

  const submit = () =>
    startTransition(async () => {
      const result = await setAliasAction({ modelName, alias: alias.trim(), version: version.trim(), expectedVersion: current?.version ?? null });
      if (!result.ok) {
        toast.error(result.error);
        router.refresh();
        return;
      }
      toast.success(`${result.data.alias} → ${modelName}:${result.data.version}`);
      router.refresh();
    });
  const remove = (name: string) =>
    startTransition(async () => {
      if (!confirm(`Remove the alias ${name} of ${modelName}?`)) return;
      const result = await removeAliasAction({ modelName, alias: name });
      if (!result.ok) return void toast.error(result.error);
      toast.success(`Alias ${name} removed`);
      router.refresh();
    });

  return (
    <section aria-label="Aliases" className="space-y-3">
      <h2 className="text-base font-semibold">Aliases</h2>
      {aliases.length === 0 ? (
        <p className="text-sm text-zinc-500">No aliases yet. Point production or staging at a version so deployments and pipelines can refer to it by name.</p>
      ) : (
        <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
          {aliases.map((a) => (
            <li key={a.alias} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2" data-testid={`alias-${a.alias}`}>
              <span>
                <span className="font-medium">{a.alias}</span> → <span className="font-mono">{a.version}</span>
                <span className="ml-2 text-xs text-zinc-500">
                  set by {a.setBy}, {formatTime(a.setAt)}
                </span>
              </span>
              {canEdit && (
                <Button variant="ghost" onClick={() => remove(a.alias)} disabled={pending} aria-label={`Remove alias ${a.alias}`}>
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <div className="w-40">
            <label htmlFor="alias-name" className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
              Alias
            </label>
            <Input name="alias-name" list="alias-suggestions" value={alias} onChange={(e) => setAlias(e.target.value)} required />
            <datalist id="alias-suggestions">
              <option value="production" />
              <option value="staging" />
              <option value="canary" />
            </datalist>
          </div>
          <div className="w-32">
            <label htmlFor="alias-version" className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
              Version
            </label>
            <Input name="alias-version" list="alias-versions" value={version} onChange={(e) => setVersion(e.target.value)} required />
            <datalist id="alias-versions">
              {versions.map((v) => (
                <option key={v} value={v} />
              ))}
            </datalist>
          </div>
          <Button type="submit" disabled={pending || !alias.trim() || !version.trim()}>
            {current ? `Move ${alias.trim()}` : `Set ${alias.trim() || "alias"}`}
          </Button>
        </form>
      )}
    </section>
  );
}
