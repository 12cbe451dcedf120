"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ModelVersionView } from "@/lib/schemas/models";
import { AliasBadges } from "./alias-badges";
import { getJson, queryString } from "./api";
import { formatBytes, formatMetric, formatTime, modelHref } from "./format";
import { PlainHeader, SortHeader } from "./sort-header";
import { CursorPager } from "@/components/ui/cursor-pager";

type Page = { items: ModelVersionView[]; nextCursor: string | null };

/**
 * A model's versions: sortable by version, created, source run, hmean / acc and size, a page at a
 * time; pick two to compare them.
 */
export function VersionsTable({ modelName, initial, metricColumns }: { modelName: string; initial: Page; metricColumns: string[] }) {
  const [sort, setSort] = useState("created");
  const [order, setOrder] = useState<"asc" | "desc">("desc");
  const [cursors, setCursors] = useState<string[]>([]);
  const [picked, setPicked] = useState<string[]>([]);
  const router = useRouter();
  const cursor = cursors[cursors.length - 1];
  const isInitial = sort === "created" && order === "desc" && !cursor;
  const { data, isFetching, error } = useQuery({
    queryKey: ["model-versions", modelName, sort, order, cursor ?? null],
    queryFn: () => getJson<Page>(`/api/v1/models/${encodeURIComponent(modelName)}/versions${queryString({ sort, order, cursor, limit: 50 })}`),
    initialData: isInitial ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((v) => v.status === "uploading") ? 3_000 : false),
  });
  const sortBy = (field: string) => {
    setCursors([]);
    if (sort === field) setOrder(order === "asc" ? "desc" : "asc");
    else {
      setSort(field);
      setOrder(field === "run" ? "asc" : "desc");
    }
  };
  const toggle = (version: string) => setPicked((current) => (current.includes(version) ? current.filter((v) => v !== version) : [...current.slice(-1), version]));
  const items = data?.items ?? [];

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="secondary"
          disabled={picked.length !== 2}
          onClick={() => router.push(`${modelHref(modelName)}/compare${queryString({ a: picked[0], b: picked[1] })}`)}
        >
          Compare {picked.length === 2 ? `${picked[0]} and ${picked[1]}` : "two versions"}
        </Button>
        <span className="text-xs text-zinc-500">{picked.length < 2 ? "Tick two versions to compare them." : ""}</span>
        {isFetching && <span className="text-xs text-zinc-500">Loading…</span>}
        {error && (
          <span role="alert" className="text-xs text-red-600">
            {error.message}
          </span>
        )}
      </div>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table aria-label="Versions" className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          <thead className="bg-zinc-50 dark:bg-zinc-900">
            <tr>
              <PlainHeader label="" />
              <SortHeader label="Version" active={sort === "version"} order={order} onSort={() => sortBy("version")} />
              <SortHeader label="Created" active={sort === "created"} order={order} onSort={() => sortBy("created")} />
              <SortHeader label="Source run" active={sort === "run"} order={order} onSort={() => sortBy("run")} />
              {metricColumns.map((metric) => (
                <SortHeader key={metric} label={metric} active={sort === `metric:${metric}`} order={order} onSort={() => sortBy(`metric:${metric}`)} />
              ))}
              <SortHeader label="Size" active={sort === "size"} order={order} onSort={() => sortBy("size")} />
              <PlainHeader label="Aliases" />
              <PlainHeader label="Format" />
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
            {items.map((v) => (
              <tr key={v.id}>
                <td className="px-4 py-2">
                  <input type="checkbox" aria-label={`Pick version ${v.version} to compare`} checked={picked.includes(v.version)} onChange={() => toggle(v.version)} />
                </td>
                <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">
                  <Link href={modelHref(modelName, v.version)} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {v.version}
                  </Link>
                  {v.status === "uploading" && (
                    <span className="ml-2">
                      <Badge tone="info">uploading</Badge>
                    </span>
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-2">
                  {formatTime(v.createdAt)}
                  {v.createdBy && <span className="block text-xs text-zinc-500">{v.createdBy}</span>}
                </td>
                <td className="whitespace-nowrap px-4 py-2">
                  {v.run ? (
                    <Link href={`/runs/${encodeURIComponent(v.run.name)}`} className="text-indigo-600 hover:underline">
                      {v.run.name}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
                {metricColumns.map((metric) => (
                  <td key={metric} className="whitespace-nowrap px-4 py-2 font-mono text-xs">
                    {formatMetric(v.metrics[metric])}
                  </td>
                ))}
                <td className="whitespace-nowrap px-4 py-2">{formatBytes(v.sizeBytes)}</td>
                <td className="px-4 py-2">
                  <AliasBadges aliases={v.aliases.map((alias) => ({ alias }))} />
                </td>
                <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{v.format ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CursorPager cursors={cursors} nextCursor={data?.nextCursor} onChange={setCursors} />
    </div>
  );
}
