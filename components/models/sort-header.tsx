"use client";

/** A table header that sorts by its column: click once for the natural order, again to reverse. */
export function SortHeader({ label, active, order, onSort }: { label: string; active: boolean; order: "asc" | "desc"; onSort: () => void }) {
  return (
    <th scope="col" aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"} className="px-4 py-2 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500">
      <button type="button" onClick={onSort} className="inline-flex items-center gap-1 uppercase hover:text-zinc-800 dark:hover:text-zinc-200">
        {label}
        <span aria-hidden className={active ? "text-indigo-600" : "text-zinc-300 dark:text-zinc-600"}>
          {active && order === "asc" ? "▲" : "▼"}
        </span>
      </button>
    </th>
  );
}

export function PlainHeader({ label }: { label: string }) {
  return (
    <th scope="col" className="px-4 py-2 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500">
      {label}
    </th>
  );
}
