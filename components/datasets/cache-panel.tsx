"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { cacheDatasetAction } from "@/app/(console)/datasets/actions";
import { JobProgress } from "@/components/jobs/job-progress";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/lib/datasets/format-bytes";
import type { DatasetCacheView } from "@/lib/schemas/datasets";
import { isActiveJob, type JobView } from "@/lib/schemas/jobs";
import { newerJob } from "./newer-job";

const TONE = { Pending: "neutral", Syncing: "info", Ready: "good", Failed: "bad" } as const;

/** The dataset's cache on each of the team's targets, with "Cache on target" for editors. */
export function CachePanel({ datasetName, caches, canCache, newestVersion }: { datasetName: string; caches: DatasetCacheView[]; canCache: boolean; newestVersion: number | null }) {
  if (caches.length === 0) return <p className="text-sm text-zinc-500">The team has no targets yet (Settings → Targets).</p>;
  return (
    <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="Caches per target">
      {caches.map((entry) => (
        <CacheRow key={entry.target.name} datasetName={datasetName} entry={entry} canCache={canCache} newestVersion={newestVersion} />
      ))}
    </ul>
  );
}

function CacheRow({ datasetName, entry, canCache, newestVersion }: { datasetName: string; entry: DatasetCacheView; canCache: boolean; newestVersion: number | null }) {
  const router = useRouter();
  const [started, setJob] = useState<JobView | null>(null);
  const job = newerJob(started, entry.job);
  const [pending, startTransition] = useTransition();
  const { cache, target } = entry;
  const running = job !== null && isActiveJob(job);

  function start() {
    startTransition(async () => {
      const result = await cacheDatasetAction({ name: datasetName, target: target.name });
      if (!result.ok) return void toast.error(result.error);
      setJob(result.data);
    });
  }

  const stale = cache?.state === "Ready" && newestVersion !== null && cache.version !== newestVersion;
  return (
    <li className="space-y-2 px-4 py-3" data-testid={`cache-${target.name}`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="space-y-0.5 text-sm">
          <div className="flex items-center gap-2">
            <span className="font-medium">{target.name}</span>
            <span className="text-xs text-zinc-500">{target.kind}</span>
            {cache ? <Badge tone={TONE[cache.state]}>{cache.state}</Badge> : <Badge>not cached</Badge>}
            {cache?.version != null && <span className="text-xs text-zinc-500">version {cache.version}</span>}
            {cache?.phase && cache.phase !== cache.state && <span className="text-xs text-zinc-500">({cache.phase})</span>}
          </div>
          {cache?.location && <p className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{cache.location}</p>}
          {cache && cache.state !== "Ready" && cache.bytesTotal > 0 && (
            <p className="text-xs text-zinc-500">
              {formatBytes(cache.bytesDone)} of {formatBytes(cache.bytesTotal)}
            </p>
          )}
          {cache?.message && <p className={`text-xs ${cache.state === "Failed" ? "text-red-700 dark:text-red-400" : "text-zinc-500"}`}>{cache.message}</p>}
          {stale && <p className="text-xs text-amber-700 dark:text-amber-400">A newer version ({newestVersion}) exists; cache it to train on it here.</p>}
          {!entry.supported && <p className="text-xs text-zinc-500">This target cannot cache datasets.</p>}
        </div>
        {canCache && entry.supported && (
          <Button variant="secondary" onClick={start} disabled={pending || running || newestVersion === null} title={newestVersion === null ? "Validate the dataset first" : undefined}>
            {cache?.state === "Ready" && !stale ? "Cache again" : `Cache on ${target.name}`}
          </Button>
        )}
      </div>
      {job && (isActiveJob(job) || job.state === "failed") && (
        <JobProgress key={job.id} jobId={job.id} initial={job} title={`Cache on ${target.name}`} canCancel={canCache} onSettled={() => router.refresh()} />
      )}
    </li>
  );
}
