"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { checkTargetAction, deleteTargetAction } from "@/app/(console)/settings/targets/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ConnectionCheck } from "@/lib/providers/types";
import type { TargetView } from "@/lib/schemas/targets";

export function TargetCard({ target, canDelete }: { target: TargetView; canDelete: boolean }) {
  const [check, setCheck] = useState<ConnectionCheck | null>(null);
  const [pending, startTransition] = useTransition();

  function testConnection() {
    startTransition(async () => {
      const result = await checkTargetAction(target.name);
      if (!result.ok) return void toast.error(result.error);
      setCheck(result.data);
      if (result.data.ok) toast.success(`${target.name}: ${result.data.summary}`);
      else toast.error(`${target.name}: ${result.data.summary}`);
    });
  }

  function remove() {
    if (!confirm(`Remove target ${target.name}?`)) return;
    startTransition(async () => {
      const result = await deleteTargetAction(target.name);
      if (result.ok) toast.success(`Target ${target.name} removed`);
      else toast.error(result.error);
    });
  }

  const settings = Object.entries(target.config).filter(([, value]) => value !== undefined && value !== "");
  return (
    <article aria-label={`Target ${target.name}`} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <h3 className="font-semibold">{target.name}</h3>
          <Badge tone="info">{target.kind}</Badge>
          {target.lastCheck && <Badge tone={target.lastCheck.ok ? "good" : "bad"}>{target.lastCheck.ok ? "connected" : "failing"}</Badge>}
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={testConnection} disabled={pending}>
            {pending ? "Testing…" : "Test connection"}
          </Button>
          {canDelete && (
            <Button variant="danger" onClick={remove} disabled={pending}>
              Remove
            </Button>
          )}
        </div>
      </div>
      {settings.length > 0 && (
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          {settings.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-zinc-500">{key}</dt>
              <dd className="truncate font-mono text-xs leading-5">{String(value)}</dd>
            </div>
          ))}
          {target.secretsSet.map((name) => (
            <div key={name} className="contents">
              <dt className="text-zinc-500">{name}</dt>
              <dd className="text-xs leading-5 text-zinc-500">set (write-only)</dd>
            </div>
          ))}
        </dl>
      )}
      {check ? (
        <ul aria-label="Connection check" className="mt-3 space-y-1 text-sm">
          {check.items.map((item) => (
            <li key={item.name} className={item.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
              {item.ok ? "✓" : "✗"} <span className="font-medium">{item.name}</span>: {item.message}
            </li>
          ))}
          <li className="text-xs text-zinc-500">checked in {check.durationMs} ms</li>
        </ul>
      ) : (
        target.lastCheck && (
          <p className="mt-3 text-xs text-zinc-500">
            Last check {target.lastCheck.at.slice(0, 16).replace("T", " ")} UTC: {target.lastCheck.message}
          </p>
        )
      )}
    </article>
  );
}
