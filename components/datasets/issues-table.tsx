import Link from "next/link";
import { Cell, Table } from "@/components/ui/table";
import { ISSUE_KIND_LABELS, issuePage } from "@/lib/datasets/report-issues";
import type { DatasetVersionDetail } from "@/lib/schemas/datasets";

/** A page of a version's issues: where (file:line), what is wrong, how to fix it. */
export function IssuesTable({
  report,
  page,
  kind,
  href,
}: {
  report: DatasetVersionDetail["report"];
  page: number;
  kind?: string;
  href: (page: number, kind?: string) => string;
}) {
  const current = issuePage(report.issues, page, kind);
  const total = Object.values(report.issueCounts ?? {}).reduce((sum, n) => sum + (n ?? 0), 0) || report.issues.length + report.issuesTruncated;
  if (report.issues.length === 0) return <p className="text-sm text-emerald-700 dark:text-emerald-400">No issues: every line is usable for training.</p>;
  return (
    <div className="space-y-2">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {kind ? (
          <>
            {current.total.toLocaleString("en")} {ISSUE_KIND_LABELS[kind as keyof typeof ISSUE_KIND_LABELS] ?? kind} issue(s) listed ·{" "}
            <Link href={href(1)} className="text-indigo-600 hover:underline">
              show all kinds
            </Link>
          </>
        ) : (
          <>{total.toLocaleString("en")} issue(s)</>
        )}
        {report.issuesTruncated > 0 && ` · the first ${report.issues.length.toLocaleString("en")} are listed`}
      </p>
      <Table label="Issues" head={["Where", "Kind", "Reason", "Fix"]}>
        {current.rows.map((row, i) => (
          <tr key={`${row.file}:${row.line}:${i}`}>
            <Cell mono>{row.line > 0 ? `${row.file}:${row.line}` : row.file}</Cell>
            <Cell>{ISSUE_KIND_LABELS[row.kind as keyof typeof ISSUE_KIND_LABELS] ?? row.kind}</Cell>
            <td className="max-w-xl px-4 py-2 text-sm">{row.reason}</td>
            <td className="max-w-md px-4 py-2 text-sm text-zinc-600 dark:text-zinc-400">{row.fix}</td>
          </tr>
        ))}
      </Table>
      {current.pages > 1 && (
        <nav aria-label="Issue pages" className="flex items-center gap-3 text-sm">
          {current.page > 1 && (
            <Link href={href(current.page - 1, kind)} className="text-indigo-600 hover:underline">
              ← Previous
            </Link>
          )}
          <span className="text-zinc-500">
            Page {current.page} of {current.pages}
          </span>
          {current.page < current.pages && (
            <Link href={href(current.page + 1, kind)} className="text-indigo-600 hover:underline">
              Next →
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
