import type { Metadata } from "next";
import Link from "next/link";
import { Cell, Table } from "@/components/ui/table";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requireActor } from "@/lib/auth/require-actor";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ cursor?: string; action?: string }> }) {
  const actor = await requireActor();
  if (!hasRole(actor.role, "admin")) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">The audit log needs the admin role.</p>;
  }
  const { cursor, action } = await searchParams;
  const page = await listAuditEvents(await prisma(), actor, { cursor, action, limit: 50 });
  const filter = action ? `&action=${encodeURIComponent(action)}` : "";
  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Every change made in this team — from the pages or the API — with who made it and when.
        {action && (
          <>
            {" "}
            Showing <code className="font-mono">{action}</code> only ·{" "}
            <Link className="text-indigo-600 hover:underline" href="/settings/audit">
              show all
            </Link>
          </>
        )}
      </p>
      <Table label="Audit log" head={["When", "Who", "Action", "Object", "Details"]}>
        {page.items.map((event) => (
          <tr key={event.id}>
            <Cell>{event.at.slice(0, 19).replace("T", " ")} UTC</Cell>
            <Cell>{event.actor}</Cell>
            <Cell mono>
              <Link className="hover:underline" href={`/settings/audit?action=${encodeURIComponent(event.action)}`}>
                {event.action}
              </Link>
            </Cell>
            <Cell>{event.objectType}</Cell>
            <Cell mono>{JSON.stringify(event.details)}</Cell>
          </tr>
        ))}
      </Table>
      {page.nextCursor && (
        <Link className="text-sm text-indigo-600 hover:underline" href={`/settings/audit?cursor=${page.nextCursor}${filter}`}>
          Older →
        </Link>
      )}
    </div>
  );
}
