import Link from "next/link";
import type { ReactNode } from "react";
import type { Actor } from "@/lib/auth/actor";
import { Badge } from "@/components/ui/badge";
import { Breadcrumbs } from "./breadcrumbs";
import { CredentialsBanner } from "./credentials-banner";
import { HealthIndicator } from "./health-indicator";
import { SideNav } from "./side-nav";
import { ThemeToggle } from "./theme-toggle";

export function ConsoleShell({ actor, signOut, children }: { actor: Actor; signOut: () => Promise<void>; children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-56 shrink-0 flex-col border-r border-zinc-200 bg-zinc-50 px-3 py-4 dark:border-zinc-800 dark:bg-zinc-900">
        <Link href="/datasets" className="mb-6 px-3 text-base font-semibold tracking-tight">
          ocr<span className="text-indigo-600">·</span>console
        </Link>
        <SideNav />
        <div className="mt-auto px-3 pb-3">
          <HealthIndicator />
        </div>
        <div className="space-y-2 border-t border-zinc-200 px-3 pt-4 text-sm dark:border-zinc-800">
          <div data-testid="signed-in-user">
            <div className="truncate font-medium">{actor.name}</div>
            <div className="truncate text-xs text-zinc-500">{actor.email}</div>
            <div className="mt-1">
              <Badge tone="info">{actor.role}</Badge>
            </div>
          </div>
          <div className="flex items-center justify-between">
            <ThemeToggle />
            <form action={signOut}>
              <button type="submit" className="rounded-md px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <CredentialsBanner />
        <header className="border-b border-zinc-200 px-8 py-3 dark:border-zinc-800">
          <Breadcrumbs />
        </header>
        <main className="flex-1 px-8 py-6">{children}</main>
      </div>
    </div>
  );
}
