"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { stopRunsAction } from "@/app/(console)/runs/actions";
import { Button, ButtonLink } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { RUN_STATES, type RunStateName, type RunView } from "@/lib/schemas/runs";
import { formatDuration, formatMetric, formatTime } from "./format";
import { isActiveState, RunStateBadge } from "./run-state-badge";
import { runsSearchParams, toggleSort, type RunsListQuery } from "./runs-query";
import { runsKeys, useRunsPage, type RunsPage } from "./use-runs";

const HEAD =
  "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500 whitespace-nowrap";
const CELL = "whitespace-nowrap px-3 py-2";
const MAX_COMPARE = 6;

interface Props {
  initialQuery: RunsListQuery;
  initialPage: RunsPage;
  targets: string[];
  datasets: string[];
  canEdit: boolean;
}

/**
 * The runs list: one page at a time (keyset cursor, so page 400 is as quick as page 1), filters and
 * sort in the address bar, states refreshed every few seconds while a run on the page is moving.
 */
export function RunsTable({ initialQuery, initialPage, targets, datasets, canEdit }: Props) {
  const queryClient = useQueryClient();
  const initialSearch = runsSearchParams(initialQuery).toString();
  const [query, setQuery] = useState<RunsListQuery>(initialQuery);
  const [searchText, setSearchText] = useState(initialQuery.q ?? "");
  // Cursors of the pages before this one, so "Previous page" goes back without OFFSET.
  const [previousCursors, setPreviousCursors] = useState<Array<string | undefined>>([]);
  const [selected, setSelected] = useState<Map<string, RunView>>(new Map());
  const [stopping, startStopping] = useTransition();

  const search = runsSearchParams(query).toString();
  const { data, isPlaceholderData, error } = useRunsPage(search, { search: initialSearch, page: initialPage });
  const page = data ?? { items: [], nextCursor: null };

  // The address bar mirrors the view, so a reload or a shared link shows the same runs.
  useEffect(() => {
    const url = `/runs${search ? `?${search}` : ""}`;
    if (`${window.location.pathname}${window.location.search}` !== url) window.history.replaceState(null, "", url);
  }, [search]);

  // Typing searches after a short pause, from the first page.
  useEffect(() => {
    const q = searchText.trim() || undefined;
    if (q === query.q) return;
    const timer = setTimeout(() => {
      setQuery((current) => ({ ...current, q, cursor: undefined }));
      setPreviousCursors([]);
    }, 300);
    return () => clearTimeout(timer);
  }, [searchText, query.q]);

  function filter(change: Partial<RunsListQuery>) {
    setQuery((current) => ({ ...current, ...change, cursor: undefined }));
    setPreviousCursors([]);
  }

  function sortBy(sort: RunsListQuery["sort"]) {
    setQuery((current) => toggleSort(current, sort));
    setPreviousCursors([]);
  }

  function nextPage() {
    if (!page.nextCursor) return;
    setPreviousCursors((cursors) => [...cursors, query.cursor]);
    setQuery((current) => ({ ...current, cursor: page.nextCursor ?? undefined }));
  }

  function previousPage() {
    const cursor = previousCursors[previousCursors.length - 1];
    setPreviousCursors((cursors) => cursors.slice(0, -1));
    setQuery((current) => ({ ...current, cursor }));
  }

  function toggle(run: RunView) {
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(run.id)) next.delete(run.id);
      else next.set(run.id, run);
      return next;
    });
  }

  const allOnPageSelected = page.items.length > 0 && page.items.every((run) => selected.has(run.id));
  function toggleAllOnPage() {
    setSelected((current) => {
      const next = new Map(current);
      for (const run of page.items) {
        if (allOnPageSelected) next.delete(run.id);
        else next.set(run.id, run);
      }
      return next;
    });
  }

  // Live states for the selection: a selected run on this page shows what the poll just said.
  const selection = useMemo(() => {
    const live = new Map(page.items.map((run) => [run.id, run]));
    return [...selected.values()].map((run) => live.get(run.id) ?? run);
  }, [selected, page.items]);
  const stoppable = selection.filter((run) => isActiveState(run.state) && run.state !== "Stopping");

  function stopSelected() {
    if (stoppable.length === 0) return;
    if (!confirm(`Stop ${stoppable.length} run${stoppable.length === 1 ? "" : "s"}: ${stoppable.map((r) => r.name).join(", ")}?`)) return;
    startStopping(async () => {
      const result = await stopRunsAction({ runs: stoppable.map((run) => run.id) });
      if (!result.ok) return void toast.error(result.error);
      toast.success(`Stopping ${stoppable.length} run${stoppable.length === 1 ? "" : "s"}`);
      void queryClient.invalidateQueries({ queryKey: runsKeys.all });
    });
  }

  const compareHref = `/runs/compare?runs=${selection.map((run) => encodeURIComponent(run.id)).join(",")}`;
  const canCompare = selection.length >= 2 && selection.length <= MAX_COMPARE;
  const filtered = Boolean(query.q || query.state || query.target || query.dataset);

  const sortHeader = (label: string, field: RunsListQuery["sort"]) => {
    const active = query.sort === field;
    return (
      <th scope="col" className={HEAD} aria-sort={active ? (query.order === "asc" ? "ascending" : "descending") : undefined}>
        <button type="button" onClick={() => sortBy(field)} className="inline-flex items-center gap-1 uppercase hover:text-zinc-800 dark:hover:text-zinc-200">
          {label}
          <span aria-hidden className={active ? "" : "opacity-30"}>
            {active && query.order === "asc" ? "▲" : "▼"}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div className="space-y-3">
      <div role="search" aria-label="Filter runs" className="flex flex-wrap items-end gap-2">
        <div className="w-64">
          <label htmlFor="run-search" className="sr-only">
            Search runs
          </label>
          <Input name="run-search" type="search" placeholder="Search run or model name" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        </div>
        <FilterSelect label="State" name="state-filter" value={query.state ?? ""} options={RUN_STATES} onChange={(v) => filter({ state: (v || undefined) as RunStateName | undefined })} />
        <FilterSelect label="Target" name="target-filter" value={query.target ?? ""} options={targets} onChange={(v) => filter({ target: v || undefined })} />
        <FilterSelect label="Dataset" name="dataset-filter" value={query.dataset ?? ""} options={datasets} onChange={(v) => filter({ dataset: v || undefined })} />
        {filtered && (
          <Button
            variant="ghost"
            onClick={() => {
              setSearchText("");
              filter({ q: undefined, state: undefined, target: undefined, dataset: undefined });
            }}
          >
            Clear filters
          </Button>
        )}
        {/* Shown while a new filter, sort or page loads (the old rows stay meanwhile), not on the quiet background polls. */}
        {isPlaceholderData && <span role="status" aria-label="Loading runs" className="h-3 w-3 animate-spin rounded-full border-2 border-indigo-500 border-t-transparent" />}
      </div>

      {selection.length > 0 && (
        <div role="region" aria-label="Selected runs" className="flex flex-wrap items-center gap-2 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm dark:border-indigo-900 dark:bg-indigo-950">
          <span>
            {selection.length} selected
          </span>
          {canCompare ? (
            <ButtonLink href={compareHref} variant="secondary">
              Compare selected
            </ButtonLink>
          ) : (
            <Button variant="secondary" disabled title="Pick 2 to 6 runs to compare">
              Compare selected
            </Button>
          )}
          {canEdit && (
            <Button variant="danger" onClick={stopSelected} disabled={stopping || stoppable.length === 0} title={stoppable.length === 0 ? "None of the selected runs is active" : undefined}>
              {stopping ? "Stopping…" : `Stop${stoppable.length ? ` ${stoppable.length}` : ""}`}
            </Button>
          )}
          <Button variant="ghost" onClick={() => setSelected(new Map())}>
            Clear selection
          </Button>
          {selection.length > MAX_COMPARE && <span className="text-xs text-zinc-500">Compare takes at most {MAX_COMPARE} runs.</span>}
        </div>
      )}

      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Could not refresh the list: {error.message}
        </p>
      )}

      <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table aria-label="Runs" className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          <thead className="bg-zinc-50 dark:bg-zinc-900">
            <tr>
              <th scope="col" className={`${HEAD} w-8`}>
                <input type="checkbox" aria-label="Select all runs on this page" checked={allOnPageSelected} onChange={toggleAllOnPage} />
              </th>
              {sortHeader("Status", "state")}
              {sortHeader("Name", "name")}
              <th scope="col" className={HEAD}>Target</th>
              <th scope="col" className={HEAD}>Dataset</th>
              <th scope="col" className={HEAD}>Model</th>
              {sortHeader("Key metric", "keyMetric")}
              <th scope="col" className={HEAD}>Duration</th>
              <th scope="col" className={HEAD}>By</th>
              {sortHeader("Started", "createdAt")}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
            {page.items.length === 0 && (
              <tr>
                <td colSpan={10} className="px-3 py-8 text-center text-sm text-zinc-500">
                  {filtered ? "No runs match these filters." : "No runs yet."}
                </td>
              </tr>
            )}
            {page.items.map((run) => (
              <tr key={run.id} data-testid="run-row" className={selected.has(run.id) ? "bg-indigo-50/60 dark:bg-indigo-950/40" : undefined}>
                <td className={CELL}>
                  <input type="checkbox" aria-label={`Select ${run.name}`} checked={selected.has(run.id)} onChange={() => toggle(run)} />
                </td>
                <td className={CELL}>
                  <RunStateBadge state={run.state} phase={run.phase} testId="run-state" />
                </td>
                <td className={CELL}>
                  <Link href={`/runs/${encodeURIComponent(run.name)}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {run.name}
                  </Link>
                </td>
                <td className={CELL}>{run.target}</td>
                <td className={CELL}>{run.dataset ? `${run.dataset.name}${run.dataset.version === null ? "" : ` v${run.dataset.version}`}` : "—"}</td>
                <td className={`${CELL} font-mono text-xs`}>{run.modelName}</td>
                <td className={`${CELL} font-mono text-xs`}>{run.keyMetric ? `${run.keyMetric.name} ${formatMetric(run.keyMetric.value)}` : "—"}</td>
                <td className={CELL}>{formatDuration(run.durationSeconds)}</td>
                <td className={CELL}>{run.createdBy ?? "—"}</td>
                <td className={CELL}>
                  <time dateTime={run.startedAt ?? run.createdAt}>{formatTime(run.startedAt ?? run.createdAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <nav aria-label="Pages" className="flex gap-3 text-sm">
        {previousCursors.length > 0 ? (
          <button type="button" onClick={previousPage} className="text-indigo-600 hover:underline">
            ← Previous page
          </button>
        ) : (
          query.cursor && (
            // Opened deep in the list from a link: the way back is the first page.
            <button type="button" onClick={() => setQuery((current) => ({ ...current, cursor: undefined }))} className="text-indigo-600 hover:underline">
              ← First page
            </button>
          )
        )}
        {page.nextCursor && (
          <button type="button" onClick={nextPage} className="text-indigo-600 hover:underline">
            Next page →
          </button>
        )}
      </nav>
    </div>
  );
}

function FilterSelect({ label, name, value, options, onChange }: { label: string; name: string; value: string; options: readonly string[]; onChange(value: string): void }) {
  return (
    <div className="w-40">
      <label htmlFor={name} className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
        {label}
      </label>
      <Select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </Select>
    </div>
  );
}
