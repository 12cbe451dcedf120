import type { RunEventView } from "@/lib/schemas/runs";
import { formatTime } from "./format";
import { RunStateBadge } from "./run-state-badge";

/** Every transition of the run, oldest first, with when and why. */
export function RunTimeline({ events }: { events: RunEventView[] }) {
  if (events.length === 0) return <p className="text-sm text-zinc-500">No transitions recorded yet.</p>;
  return (
    <ol aria-label="Timeline" className="relative space-y-3 border-l border-zinc-200 pl-4 dark:border-zinc-800">
      {events.map((event, index) => (
        <li key={`${event.at}-${index}`} className="relative" data-testid="timeline-entry">
          <span aria-hidden className="absolute -left-[1.3rem] top-1.5 h-2 w-2 rounded-full bg-zinc-400 dark:bg-zinc-600" />
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <RunStateBadge state={event.state} phase={event.phase} />
            <time dateTime={event.at} className="text-xs text-zinc-500">
              {formatTime(event.at, { seconds: true })}
            </time>
            {event.phase && <span className="font-mono text-xs text-zinc-500">{event.phase}</span>}
          </div>
          {(event.reason || event.message) && (
            <p className="mt-0.5 text-sm text-zinc-700 dark:text-zinc-300">
              {event.reason && <span className="font-medium">{event.reason}</span>}
              {event.reason && event.message && " — "}
              {event.message}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** The same transitions as a table, for reading many of them. */
export function RunEventsTable({ events }: { events: RunEventView[] }) {
  if (events.length === 0) return <p className="text-sm text-zinc-500">No events recorded yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table aria-label="Run events" className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        <thead className="bg-zinc-50 dark:bg-zinc-900">
          <tr>
            {["Time", "State", "Target phase", "Reason", "Message"].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {events.map((event, index) => (
            <tr key={`${event.at}-${index}`}>
              <td className="whitespace-nowrap px-3 py-2 text-xs">
                <time dateTime={event.at}>{formatTime(event.at, { seconds: true })}</time>
              </td>
              <td className="px-3 py-2">
                <RunStateBadge state={event.state} />
              </td>
              <td className="px-3 py-2 font-mono text-xs">{event.phase ?? "—"}</td>
              <td className="px-3 py-2">{event.reason ?? "—"}</td>
              <td className="px-3 py-2 text-zinc-600 dark:text-zinc-400">{event.message ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
