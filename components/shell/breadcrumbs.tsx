"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { SEGMENT_LABELS } from "./nav-items";

export function Breadcrumbs() {
  const segments = usePathname().split("/").filter(Boolean);
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-zinc-500">
      <ol className="flex flex-wrap items-center gap-1">
        {segments.map((segment, index) => {
          const href = `/${segments.slice(0, index + 1).join("/")}`;
          const label = SEGMENT_LABELS[segment] ?? decodeURIComponent(segment);
          const last = index === segments.length - 1;
          return (
            <li key={href} className="flex items-center gap-1">
              {index > 0 && <span aria-hidden>/</span>}
              {last ? (
                <span aria-current="page" className="text-zinc-800 dark:text-zinc-200">
                  {label}
                </span>
              ) : (
                <Link href={href} className="hover:underline">
                  {label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
