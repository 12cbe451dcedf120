import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Cell, Table } from "@/components/ui/table";
import type { VersionComparison } from "@/lib/schemas/models";
import { formatBytes, formatDelta, formatMetric, formatTime, modelHref } from "./format";

const CHANGE_TONE = { added: "good", removed: "bad", changed: "info", same: "neutral" } as const;

/** Two versions side by side: metrics with deltas, the config diff, file differences, parameters. */
export function CompareView({ comparison }: { comparison: VersionComparison }) {
  const { a, b, modelName } = comparison;
  const changedFiles = comparison.files.filter((f) => f.change !== "same").length;
  return (
    <div className="space-y-10">
      <Table label="Versions compared" head={["", `A: ${a.version}`, `B: ${b.version}`]}>
        <tr>
          <Cell>Version</Cell>
          {[a, b].map((v) => (
            <Cell key={v.id} mono>
              <Link href={modelHref(modelName, v.version)} className="text-indigo-600 hover:underline">
                {modelName}:{v.version}
              </Link>
            </Cell>
          ))}
        </tr>
        <tr>
          <Cell>Created</Cell>
          <Cell>{formatTime(a.createdAt)}</Cell>
          <Cell>{formatTime(b.createdAt)}</Cell>
        </tr>
        <tr>
          <Cell>Source run</Cell>
          <Cell>{a.run?.name ?? "—"}</Cell>
          <Cell>{b.run?.name ?? "—"}</Cell>
        </tr>
        <tr>
          <Cell>Size</Cell>
          <Cell>{formatBytes(a.sizeBytes)}</Cell>
          <Cell>{formatBytes(b.sizeBytes)}</Cell>
        </tr>
      </Table>

      <section aria-label="Metrics compared" className="space-y-3">
        <h2 className="text-base font-semibold">Metrics</h2>
        {comparison.metrics.length === 0 ? (
          <p className="text-sm text-zinc-500">Neither version has metrics.</p>
        ) : (
          <Table label="Metrics" head={["Metric", `A: ${a.version}`, `B: ${b.version}`, "B − A"]}>
            {comparison.metrics.map((m) => (
              <tr key={m.name}>
                <Cell>{m.name}</Cell>
                <Cell mono>{formatMetric(m.a)}</Cell>
                <Cell mono>{formatMetric(m.b)}</Cell>
                <Cell mono>
                  <span className={m.delta === null || m.delta === 0 ? "" : m.delta > 0 ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}>
                    {formatDelta(m.delta)}
                  </span>
                </Cell>
              </tr>
            ))}
          </Table>
        )}
      </section>

      <section aria-label="Config diff" className="space-y-3">
        <h2 className="text-base font-semibold">Training config</h2>
        {!comparison.config ? (
          <p className="text-sm text-zinc-500">Neither version has a config.yml.</p>
        ) : comparison.config.identical ? (
          <p className="text-sm text-zinc-500">The configs are identical.</p>
        ) : (
          <>
            <p className="text-xs text-zinc-500">
              <span className="font-mono">{comparison.config.aPath ?? "(none)"}</span> → <span className="font-mono">{comparison.config.bPath ?? "(none)"}</span>
            </p>
            <pre aria-label="Config differences" className="max-h-[32rem] overflow-auto rounded-lg border border-zinc-200 py-2 text-xs leading-5 dark:border-zinc-800">
              <code>
                {comparison.config.lines.map((line, i) => (
                  <span
                    key={i}
                    className={`block px-3 ${line.kind === "added" ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" : line.kind === "removed" ? "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-200" : "text-zinc-600 dark:text-zinc-400"}`}
                  >
                    <span aria-hidden className="mr-2 select-none">
                      {line.kind === "added" ? "+" : line.kind === "removed" ? "−" : " "}
                    </span>
                    {line.text}
                  </span>
                ))}
              </code>
            </pre>
          </>
        )}
      </section>

      <section aria-label="File differences" className="space-y-3">
        <h2 className="text-base font-semibold">Files ({changedFiles} differ)</h2>
        <Table label="Files compared" head={["File", "Change", `A: ${a.version}`, `B: ${b.version}`]}>
          {comparison.files.map((f) => (
            <tr key={f.path}>
              <Cell mono>{f.path}</Cell>
              <Cell>
                <Badge tone={CHANGE_TONE[f.change]}>{f.change}</Badge>
              </Cell>
              <Cell mono>{f.a ? `${formatBytes(f.a.size)} ${f.a.sha256 ? f.a.sha256.slice(0, 10) : ""}` : "—"}</Cell>
              <Cell mono>{f.b ? `${formatBytes(f.b.size)} ${f.b.sha256 ? f.b.sha256.slice(0, 10) : ""}` : "—"}</Cell>
            </tr>
          ))}
        </Table>
      </section>

      {comparison.parameters.length > 0 && (
        <section aria-label="Parameters compared" className="space-y-3">
          <h2 className="text-base font-semibold">Parameters</h2>
          <Table label="Parameters" head={["Parameter", `A: ${a.version}`, `B: ${b.version}`]}>
            {comparison.parameters.map((p) => (
              <tr key={p.name} className={p.same ? "" : "bg-amber-50 dark:bg-amber-950/40"}>
                <Cell mono>{p.name}</Cell>
                <Cell mono>{JSON.stringify(p.a)}</Cell>
                <Cell mono>{JSON.stringify(p.b)}</Cell>
              </tr>
            ))}
          </Table>
        </section>
      )}
    </div>
  );
}
