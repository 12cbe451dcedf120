import Link from "next/link";
import { formatBytes } from "@/lib/datasets/format-bytes";
import { ISSUE_KIND_LABELS } from "@/lib/datasets/report-issues";
import type { DatasetVersionDetail } from "@/lib/schemas/datasets";

function Figure({ label, value, bad = false }: { label: string; value: number | string; bad?: boolean }) {
  return (
    <div className="rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${bad ? "text-red-700 dark:text-red-400" : ""}`}>{typeof value === "number" ? value.toLocaleString("en") : value}</dd>
    </div>
  );
}

/** The counts of a version's report, and its issues by kind (each a filter of the issues table). */
export function ReportSummary({ version, issuesHref }: { version: DatasetVersionDetail; issuesHref: (kind?: string) => string }) {
  const { report } = version;
  const counts = Object.entries(report.issueCounts ?? {}).filter(([, n]) => (n ?? 0) > 0);
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-6">
        {report.labelFiles.map((f) => (
          <Figure key={f.file} label={`${f.file} (lines / samples)`} value={`${f.lines.toLocaleString("en")} / ${f.samples.toLocaleString("en")}`} />
        ))}
        <Figure label="Images found" value={`${report.images.found.toLocaleString("en")} of ${report.images.referenced.toLocaleString("en")}`} />
        <Figure label="Images missing" value={report.images.missing} bad={report.images.missing > 0} />
        <Figure label="Unreadable images" value={report.images.unreadable} bad={report.images.unreadable > 0} />
        <Figure label="Duplicate lines" value={report.images.duplicates} bad={report.images.duplicates > 0} />
        {report.task === "det" && <Figure label="Boxes (ignored ###)" value={`${report.boxes.total.toLocaleString("en")} (${report.boxes.ignored.toLocaleString("en")})`} />}
        {report.task === "det" && <Figure label="Boxes outside image" value={report.boxes.outside} bad={report.boxes.outside > 0} />}
        {report.charset && <Figure label="Dictionary size" value={report.charset.dictionarySize} />}
        {report.charset && <Figure label="Characters not in dictionary" value={Object.keys(report.charset.unknown).length} bad={Object.keys(report.charset.unknown).length > 0} />}
        <Figure label="Files / size" value={`${version.fileCount.toLocaleString("en")} / ${formatBytes(version.totalBytes)}`} />
      </dl>
      {counts.length > 0 && (
        <ul className="flex flex-wrap gap-2 text-xs" aria-label="Issues by kind">
          {counts.map(([kind, n]) => (
            <li key={kind}>
              <Link href={issuesHref(kind)} className="rounded bg-red-50 px-2 py-1 text-red-800 hover:underline dark:bg-red-950 dark:text-red-300">
                {ISSUE_KIND_LABELS[kind as keyof typeof ISSUE_KIND_LABELS] ?? kind}: {(n ?? 0).toLocaleString("en")}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
