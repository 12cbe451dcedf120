"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { Sample, SamplePage, SampleSplit } from "@/lib/datasets/preview/preview-schemas";
import { SampleDialog } from "./sample-dialog";
import { GALLERY_PAGE_SIZE, samplesUrl } from "./sample-urls";
import { SampleTile } from "./sample-tile";

/**
 * The dataset's samples as a gallery, a page at a time from the label file: train or test split,
 * search by text, "Show more" to read on, and any tile opened large. The first page comes rendered
 * from the server.
 */
export function SampleGallery({ datasetName, initial, initialSplit, initialQuery }: { datasetName: string; initial: SamplePage | null; initialSplit: SampleSplit; initialQuery: string }) {
  const [split, setSplit] = useState<SampleSplit>(initialSplit);
  const [query, setQuery] = useState(initialQuery);
  const [draft, setDraft] = useState(initialQuery);
  const [open, setOpen] = useState<Sample | null>(null);

  const samples = useInfiniteQuery({
    queryKey: ["dataset-samples", datasetName, split, query],
    queryFn: async ({ pageParam }): Promise<SamplePage> => {
      const response = await fetch(samplesUrl(datasetName, { split, q: query, cursor: pageParam, limit: GALLERY_PAGE_SIZE }), { cache: "no-store" });
      const body = (await response.json().catch(() => null)) as (SamplePage & { error?: { message: string } }) | null;
      if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
      return body!;
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: initial && split === initialSplit && query === initialQuery ? { pages: [initial], pageParams: [null] } : undefined,
    staleTime: 60_000,
  });

  const items = samples.data?.pages.flatMap((page) => page.items) ?? [];
  const scanned = samples.data?.pages.reduce((n, page) => n + page.linesScanned, 0) ?? 0;
  const labelFile = samples.data?.pages[0]?.labelFile;

  function search(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQuery(draft.trim());
    remember(split, draft.trim());
  }

  function chooseSplit(next: SampleSplit) {
    setSplit(next);
    remember(next, query);
  }

  return (
    <section aria-label="Samples" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div role="tablist" aria-label="Split" className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700">
          {(["train", "test"] as const).map((value) => (
            <button
              key={value}
              type="button"
              role="tab"
              aria-selected={split === value}
              onClick={() => chooseSplit(value)}
              className={`rounded px-3 py-1 text-sm ${split === value ? "bg-indigo-600 text-white" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
            >
              {value === "train" ? "Train" : "Test"}
            </button>
          ))}
        </div>
        <form role="search" onSubmit={search} className="flex items-end gap-2">
          <div>
            <label htmlFor="sample-search" className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
              Search text
            </label>
            <input
              id="sample-search"
              type="search"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder="e.g. invoice"
              maxLength={200}
              className="w-56 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            />
          </div>
          <Button type="submit" variant="secondary">
            Search
          </Button>
          {query && (
            <Button
              variant="ghost"
              onClick={() => {
                setDraft("");
                setQuery("");
                remember(split, "");
              }}
            >
              Clear
            </Button>
          )}
        </form>
      </div>

      <p className="text-xs text-zinc-500" aria-live="polite">
        {samples.isPending
          ? "Loading samples…"
          : `${items.length.toLocaleString("en")} ${items.length === 1 ? "sample" : "samples"}${query ? ` matching “${query}”` : ""} from ${scanned.toLocaleString("en")} lines of ${labelFile ?? "the label file"}${samples.hasNextPage ? " — more below" : ""}`}
      </p>

      {samples.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Could not read the samples: {samples.error.message}
        </p>
      )}

      {items.length > 0 ? (
        <ul className="grid grid-cols-[repeat(auto-fill,minmax(14rem,1fr))] gap-3" aria-label="Sample gallery">
          {items.map((sample) => (
            <SampleTile key={`${sample.line}`} datasetName={datasetName} sample={sample} onOpen={() => setOpen(sample)} />
          ))}
        </ul>
      ) : (
        !samples.isPending &&
        !samples.error && (
          <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-10 text-center text-sm text-zinc-500 dark:border-zinc-700">
            {query ? (samples.hasNextPage ? `No match in the lines read so far.` : `No sample's text contains “${query}”.`) : "This label file has no samples."}
          </p>
        )
      )}

      {samples.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={() => void samples.fetchNextPage()} disabled={samples.isFetchingNextPage}>
            {samples.isFetchingNextPage ? "Loading…" : query ? "Search further" : "Show more"}
          </Button>
        </div>
      )}

      {open && <SampleDialog datasetName={datasetName} sample={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

/** Keeps split and search in the address, so a reload or a shared link shows the same samples. */
function remember(split: SampleSplit, q: string) {
  const url = new URL(window.location.href);
  url.searchParams.set("split", split);
  if (q) url.searchParams.set("q", q);
  else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
}
