"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/field";
import type { ModelSummary } from "@/lib/schemas/models";
import { AliasBadges } from "./alias-badges";
import { getJson, queryString } from "./api";
import { formatTime, modelHref } from "./format";
import { PlainHeader, SortHeader } from "./sort-header";
import { CursorPager } from "@/components/ui/cursor-pager";

type Sort = "name" | "updated" | "versions";
type Page = { items: ModelSummary[]; nextCursor: string | null };

/** Every model of the team: search by name, sort by name, last update or number of versions, page through. */
export function ModelsTable({ initial }: { initial: Page }) {
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [sort, setSort] = useState<Sort>("updated");
  const [order, setOrder] = useState<"asc" | "desc">("desc");
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(search.trim());
      setCursors([]);
    }, 250);
    return () => clearTimeout(timer);
  }, [search]);

  const isInitial = q === "" && sort === "updated" && order === "desc" && !cursor;
  const { data, isFetching, error } = useQuery({
    queryKey: ["models", q, sort, order, cursor ?? null],
    queryFn: () => getJson<Page>(`/api/v1/models${queryString({ q, sort, order, cursor, limit: 50 })}`),
    initialData: isInitial ? initial : undefined,
    placeholderData: keepPreviousData,
  });

  const sortBy = (field: Sort) => {
    setCursors([]);
    if (sort === field) setOrder(order === "asc" ? "desc" : "asc");
    else {
      setSort(field);
      setOrder(field === "name" ? "asc" : "desc");
    }
  };
  const items = data?.items ?? [];

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <div className="w-72">
          <label htmlFor="model-search" className="sr-only">
            Search models
          </label>
          <Input name="model-search" type="search" placeholder="Search models by name" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        {isFetching && <span className="text-xs text-zinc-500">Loading…</span>}
        {error && (
          <span role="alert" className="text-xs text-red-600">
            {error.message}
          </span>
        )}
      </div>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table aria-label="Models" className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          <thead className="bg-zinc-50 dark:bg-zinc-900">
            <tr>
              <SortHeader label="Model" active={sort === "name"} order={order} onSort={() => sortBy("name")} />
              <PlainHeader label="Latest version" />
              <SortHeader label="Versions" active={sort === "versions"} order={order} onSort={() => sortBy("versions")} />
              <PlainHeader label="Aliases" />
              <SortHeader label="Last update" active={sort === "updated"} order={order} onSort={() => sortBy("updated")} />
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
            {items.length === 0 && (
              <tr>
                <td colSpan={5} className="px-4 py-6 text-center text-zinc-500">
                  {q ? `No model matches “${q}”.` : "No models."}
                </td>
              </tr>
            )}
            {items.map((model) => (
              <tr key={model.name}>
                <td className="whitespace-nowrap px-4 py-2">
                  <Link href={modelHref(model.name)} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {model.name}
                  </Link>
                </td>
                <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">
                  {model.latestVersion ? (
                    <Link href={modelHref(model.name, model.latestVersion)} className="hover:underline">
                      {model.latestVersion}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-2">{model.versionCount}</td>
                <td className="px-4 py-2">
                  <AliasBadges aliases={model.aliases} withVersion />
                </td>
                <td className="whitespace-nowrap px-4 py-2">{formatTime(model.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CursorPager cursors={cursors} nextCursor={data?.nextCursor} onChange={setCursors} />
    </div>
  );
}
