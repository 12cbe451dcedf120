"use client";

import { useEffect, useState } from "react";
import type { RunEventView, RunView } from "@/lib/schemas/runs";
import { formatDuration } from "./format";
import { RequestView, type RenderedRequestView } from "./request-view";
import { RunActions } from "./run-actions";
import { RunCurvesSlot } from "./run-curves-slot";
import { RunLogs } from "./run-logs";
import { RunOverview, type RunLineage } from "./run-overview";
import { isActiveState, RunStateBadge } from "./run-state-badge";
import { RUN_TABS, type RunTab } from "./run-tabs";
import { RunEventsTable } from "./run-timeline";
import { useRun, useRunEvents } from "./use-runs";

interface Props {
  initialRun: RunView;
  initialEvents: RunEventView[];
  lineage: RunLineage;
  request: RenderedRequestView | null;
  initialTab: RunTab;
  canEdit: boolean;
}

/** One run on any target: live header and actions, then Overview, Logs, Curves, Events and Request tabs. */
export function RunDetail({ initialRun, initialEvents, lineage, request, initialTab, canEdit }: Props) {
  const { data: run } = useRun(initialRun);
  const active = isActiveState(run.state);
  const { data: events } = useRunEvents(run.id, initialEvents, active);
  const [tab, setTab] = useState<RunTab>(initialTab);

  // The tab is part of the address (…?tab=logs) so it survives a reload and can be shared.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (tab === "overview") url.searchParams.delete("tab");
    else url.searchParams.set("tab", tab);
    if (url.href !== window.location.href) window.history.replaceState(null, "", url);
  }, [tab]);

  function onTabKey(event: React.KeyboardEvent, index: number) {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const next = RUN_TABS[(index + step + RUN_TABS.length) % RUN_TABS.length]!;
    setTab(next.id);
    document.getElementById(`run-tab-${next.id}`)?.focus();
  }

  return (
    <>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight">{run.name}</h1>
            <RunStateBadge state={run.state} phase={run.phase} testId="run-state" />
            {run.phase && <span className="font-mono text-xs text-zinc-500" data-testid="run-phase">{run.phase}</span>}
          </div>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            <span className="font-mono">{run.modelName}</span> · {run.configPath} on {run.target} ({run.targetKind})
            {run.keyMetric && (
              <>
                {" "}· <span className="font-medium">{run.keyMetric.name} {Number(run.keyMetric.value.toFixed(4))}</span>
              </>
            )}
            {run.durationSeconds !== null && ` · ${formatDuration(run.durationSeconds)}`}
          </p>
        </div>
        <RunActions run={run} canEdit={canEdit} />
      </div>

      <div role="tablist" aria-label="Run" className="mb-4 flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {RUN_TABS.map((t, index) => (
          <button
            key={t.id}
            id={`run-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`run-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => onTabKey(e, index)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              tab === t.id ? "border-indigo-600 text-indigo-700 dark:text-indigo-300" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
            }`}
          >
            {t.label}
          </button>
        ))}
      </div>

      <div role="tabpanel" id={`run-panel-${tab}`} aria-labelledby={`run-tab-${tab}`}>
        {tab === "overview" && <RunOverview run={run} events={events} lineage={lineage} />}
        {tab === "logs" && <RunLogs run={run} />}
        {tab === "curves" && <RunCurvesSlot run={run} />}
        {tab === "events" && <RunEventsTable events={events} />}
        {tab === "request" &&
          (request ? (
            <RequestView request={request} label={`What was sent to ${run.target}`} />
          ) : (
            <p className="text-sm text-zinc-500">Nothing was sent yet: the run has not been launched on its target.</p>
          ))}
      </div>
    </>
  );
}
