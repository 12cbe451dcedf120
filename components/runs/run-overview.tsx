import Link from "next/link";
import type { ReactNode } from "react";
import type { RunEventView, RunView } from "@/lib/schemas/runs";
import { formatDuration, formatMetric, formatTime, formatValue } from "./format";
import { runParameters } from "./run-parameters";
import { RunTimeline } from "./run-timeline";
import { RunWorkloadsPanel } from "./run-workloads";

export interface RunLineage {
  clonedFrom: { id: string; name: string } | null;
  modelVersions: Array<{ modelName: string; version: string }>;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="space-y-2">
      <h2 className="text-sm font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Pairs({ rows, label }: { rows: Array<[string, ReactNode]>; label: string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
      {rows.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-zinc-500">{name}</dt>
          <dd className="break-all font-mono text-xs leading-5">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What the run is, did and produced, and where it came from and went to. */
export function RunOverview({ run, events, lineage }: { run: RunView; events: RunEventView[]; lineage: RunLineage }) {
  const metrics = Object.entries(run.metrics).sort(([a], [b]) => (a === run.keyMetric?.name ? -1 : b === run.keyMetric?.name ? 1 : a.localeCompare(b)));
  const outputs = Object.entries(run.outputs).filter(([, value]) => value !== null && value !== undefined && value !== "");
  const exit = [run.exitCode !== null && `exit code ${run.exitCode}`, run.exitSignal && `signal ${run.exitSignal}`].filter(Boolean).join(", ");

  return (
    <div className="space-y-6">
      {run.state === "Failed" && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-300">
          <span className="font-medium">The run failed</span>
          {run.failureReason && `: ${run.failureReason}`}
          {exit && ` (${exit})`}
        </div>
      )}
      <div className="grid gap-8 lg:grid-cols-2">
        <div className="space-y-6">
          <Section title="Timeline">
            <RunTimeline events={events} />
          </Section>
          <Section title="Summary">
            <Pairs
              label="Summary"
              rows={[
                ["created", `${formatTime(run.createdAt, { seconds: true })}${run.createdBy ? ` by ${run.createdBy}` : ""}`],
                ["started", formatTime(run.startedAt, { seconds: true })],
                ["finished", formatTime(run.finishedAt, { seconds: true })],
                ["duration", formatDuration(run.durationSeconds)],
                ["attempt", String(run.attempt)],
                ["external id", run.externalId ?? "—"],
                ...(exit ? ([["exit", exit]] as Array<[string, string]>) : []),
              ]}
            />
          </Section>
        </div>
        <div className="space-y-6">
          <Section title="Metrics">
            {metrics.length === 0 ? (
              <p className="text-sm text-zinc-500">No metrics yet: they appear as PaddleOCR logs its training and evaluation steps.</p>
            ) : (
              <Pairs
                label="Metrics"
                rows={metrics.map(([name, value]) => [
                  name === run.keyMetric?.name ? `${name} ★` : name,
                  <span key={name} data-testid={`metric-${name}`}>
                    {formatMetric(value)}
                  </span>,
                ])}
              />
            )}
          </Section>
          <Section title="Parameters">
            <Pairs label="Parameters" rows={[...runParameters(run)].map(([name, value]) => [name, value])} />
          </Section>
          <RunWorkloadsPanel run={run} />
          <Section title="Outputs">
            {outputs.length === 0 ? (
              <p className="text-sm text-zinc-500">Nothing written yet.</p>
            ) : (
              <Pairs label="Outputs" rows={outputs.map(([name, value]) => [name, formatValue(value)])} />
            )}
          </Section>
          <Section title="Lineage">
            <ul aria-label="Lineage" className="space-y-1 text-sm">
              <li>
                <span className="text-zinc-500">Dataset: </span>
                {run.dataset ? (
                  <Link href={`/datasets/${encodeURIComponent(run.dataset.name)}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
                    {run.dataset.name}
                    {run.dataset.version !== null && ` v${run.dataset.version}`}
                  </Link>
                ) : (
                  "none (the config's own paths)"
                )}
              </li>
              {lineage.clonedFrom && (
                <li>
                  <span className="text-zinc-500">{run.attempt > 1 ? "Retry of" : "Cloned from"}: </span>
                  <Link href={`/runs/${encodeURIComponent(lineage.clonedFrom.name)}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
                    {lineage.clonedFrom.name}
                  </Link>
                </li>
              )}
              <li>
                <span className="text-zinc-500">Registered model versions: </span>
                {lineage.modelVersions.length === 0
                  ? "none yet"
                  : lineage.modelVersions.map((v, index) => (
                      <span key={`${v.modelName}:${v.version}`}>
                        {index > 0 && ", "}
                        <Link
                          href={`/models/${encodeURIComponent(v.modelName)}/${encodeURIComponent(v.version)}`}
                          className="font-mono text-indigo-700 hover:underline dark:text-indigo-300"
                        >
                          {v.modelName}:{v.version}
                        </Link>
                      </span>
                    ))}
              </li>
            </ul>
          </Section>
        </div>
      </div>
    </div>
  );
}
