"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import type { RunView } from "@/lib/schemas/runs";
import { getJson } from "./api-client";
import { filterLines, logText, parseLogLine, sseParser, type LogEntry, type ServerSentEvent } from "./log-stream";
import { isActiveState } from "./run-state-badge";

// Memory and DOM stay bounded however long a run logs: the page keeps the newest lines and draws
// the newest matches; the download offers everything kept.
const KEEP_LINES = 50_000;
const SHOW_LINES = 2_000;
const FLUSH_MS = 150;

type Connection = "connecting" | "live" | "ended" | "error";

/** The run's logs, streamed from the target as they are written: follow, pick a stream, search, download. */
export function RunLogs({ run }: { run: RunView }) {
  const active = isActiveState(run.state);
  const [stream, setStream] = useState("");
  const [follow, setFollow] = useState(true);
  const [query, setQuery] = useState("");
  const [attempt, setAttempt] = useState(0);

  // The endpoint names each line's stream (a pod, a CloudWatch stream, train.log); the picker offers
  // every stream seen so far.
  const [streams, setStreams] = useState<string[]>([]);
  const onStreams = useCallback((seen: string[]) => setStreams((known) => (seen.every((name) => known.includes(name)) ? known : [...new Set([...known, ...seen])].sort())), []);

  // Streams the target knows of up front (every pod, the events), merged with the ones lines name.
  const known = useQuery({
    queryKey: ["runs", "run", run.id, "log-streams"],
    queryFn: () => getJson<{ items: string[] }>(`/api/v1/runs/${encodeURIComponent(run.id)}/logs/streams`),
    refetchInterval: active ? 10_000 : false,
  });
  const streamOptions = useMemo(() => [...new Set([...streams, ...(known.data?.items ?? [])])].sort(), [streams, known.data]);
  const [previous, setPrevious] = useState(false);

  const params = new URLSearchParams();
  if (stream) params.set("stream", stream);
  if (previous && stream) params.set("previous", "true");
  // Always followed: the endpoint sends what is written so far, then new lines until the run ends
  // (at once for a finished run). "Follow" only decides whether the view sticks to the newest line.
  params.set("follow", "true");
  const url = `/api/v1/runs/${encodeURIComponent(run.id)}/logs?${params}`;

  return (
    <section aria-label="Logs" className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <div className="w-56">
          <label htmlFor="log-stream" className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Stream
          </label>
          <Select name="log-stream" value={stream} onChange={(e) => setStream(e.target.value)}>
            <option value="">All streams</option>
            {streamOptions.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </Select>
        </div>
        <div className="w-64">
          <label htmlFor="log-search" className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Search
          </label>
          <Input name="log-search" type="search" placeholder="loss, hmean, Error…" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <label className="flex items-center gap-2 pb-1.5 text-sm">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow newest line
        </label>
        {run.targetKind === "kubernetes" && stream && stream !== "events" && (
          <label className="flex items-center gap-2 pb-1.5 text-sm">
            <input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} /> Previous container
          </label>
        )}
      </div>
      {/* A new stream or a reconnect opens a new request with a fresh pane. A run that finishes is
          not in the key: its stream ends by itself and the lines it wrote stay. */}
      <LogPane
        key={`${stream}|${attempt}`}
        url={url}
        query={query}
        follow={follow}
        live={active}
        fileName={`${run.name}${stream ? `-${stream.replace(/[^\w.-]+/g, "_")}` : ""}.log`}
        onReconnect={active ? () => setAttempt((n) => n + 1) : null}
        onStreams={onStreams}
      />
    </section>
  );
}

/** One streaming request and the lines it brought. */
function LogPane({
  url,
  query,
  follow,
  live,
  fileName,
  onReconnect,
  onStreams,
}: {
  url: string;
  query: string;
  follow: boolean;
  live: boolean;
  fileName: string;
  onReconnect: (() => void) | null;
  onStreams(seen: string[]): void;
}) {
  const [lines, setLines] = useState<LogEntry[]>([]);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [problem, setProblem] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);

  useEffect(() => {
    const controller = new AbortController();
    let pending: LogEntry[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      onStreams([...new Set(batch.flatMap((line) => (line.stream ? [line.stream] : [])))]);
      setLines((current) => {
        const next = current.concat(batch);
        return next.length > KEEP_LINES ? next.slice(next.length - KEEP_LINES) : next;
      });
    };
    // Lines arrive in bursts; drawing them a few times a second keeps a fast log from freezing the page.
    const timer = setInterval(flush, FLUSH_MS);
    (async () => {
      try {
        const response = await fetch(url, { signal: controller.signal, cache: "no-store", headers: { Accept: "text/event-stream" } });
        if (!response.ok || !response.body) {
          const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
          throw new Error(body?.error?.message ?? `The log endpoint answered ${response.status}.`);
        }
        setConnection("live");
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        const sse = sseParser();
        let failure: string | null = null;
        const take = (events: ServerSentEvent[]) => {
          for (const event of events) {
            if (event.event === "message") pending.push(parseLogLine(event.data));
            else if (event.event === "error") failure = (JSON.parse(event.data) as { message?: string }).message ?? "Reading the log failed.";
          }
        };
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          take(sse.push(value));
        }
        take(sse.end());
        flush();
        if (failure) throw new Error(failure);
        setConnection("ended");
      } catch (error) {
        if (controller.signal.aborted) return;
        flush();
        setConnection("error");
        setProblem(error instanceof Error ? error.message : String(error));
      }
    })();
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [url, onStreams]);

  const shown = useMemo(() => filterLines(lines, query), [lines, query]);
  const visible = shown.length > SHOW_LINES ? shown.slice(shown.length - SHOW_LINES) : shown;
  const mixed = useMemo(() => new Set(lines.map((l) => l.stream)).size > 1, [lines]);

  // Following keeps the newest line in view, unless the reader scrolled up to read.
  useEffect(() => {
    const box = scroller.current;
    if (box && follow && nearBottom.current) box.scrollTop = box.scrollHeight;
  }, [visible, follow]);

  // Turning "Follow" back on jumps to the newest line wherever the reader was.
  useEffect(() => {
    if (!follow) return;
    nearBottom.current = true;
    const box = scroller.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [follow]);

  function download() {
    const href = URL.createObjectURL(new Blob([logText(lines, mixed)], { type: "text/plain" }));
    Object.assign(document.createElement("a"), { href, download: fileName }).click();
    URL.revokeObjectURL(href);
  }

  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={download} disabled={lines.length === 0}>
          Download
        </Button>
        {(connection === "ended" || connection === "error") && onReconnect && (
          <Button variant="ghost" onClick={onReconnect}>
            Reconnect
          </Button>
        )}
        <span role="status" data-testid="log-connection" className="text-xs text-zinc-500">
          {connection === "connecting" && "Connecting…"}
          {connection === "live" && (live ? "● Live" : "Loading…")}
          {connection === "ended" && `${lines.length.toLocaleString()} lines${lines.length >= KEEP_LINES ? " (newest kept)" : ""}`}
          {connection === "error" && "Disconnected"}
          {query.trim() && ` · ${shown.length.toLocaleString()} matching`}
        </span>
      </div>
      {problem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      <div
        ref={scroller}
        onScroll={(e) => {
          const box = e.currentTarget;
          nearBottom.current = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
        }}
        className="h-[32rem] overflow-auto rounded-lg border border-zinc-200 bg-zinc-950 p-3 font-mono text-xs leading-5 text-zinc-100 dark:border-zinc-800"
      >
        {shown.length > SHOW_LINES && <p className="text-zinc-500">… {(shown.length - SHOW_LINES).toLocaleString()} earlier lines (download to read them all)</p>}
        {visible.length === 0 ? (
          <p className="text-zinc-500">
            {connection === "connecting" ? "Connecting to the log…" : query.trim() ? "No line matches." : live ? "Waiting for the first line…" : "No log lines."}
          </p>
        ) : (
          <ol aria-label="Log lines" data-testid="log-lines">
            {visible.map((line, index) => (
              <li key={index} className="whitespace-pre-wrap break-all" data-testid="log-line">
                {mixed && line.stream && <span className="mr-2 text-sky-400">{line.stream}</span>}
                <Highlighted text={line.text} query={query} />
              </li>
            ))}
          </ol>
        )}
      </div>
    </>
  );
}

function Highlighted({ text, query }: { text: string; query: string }) {
  const needle = query.trim().toLowerCase();
  if (!needle) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  const lower = text.toLowerCase();
  for (let found = lower.indexOf(needle); found >= 0; found = lower.indexOf(needle, at)) {
    parts.push(text.slice(at, found));
    parts.push(
      <mark key={found} className="rounded bg-amber-300 text-zinc-950">
        {text.slice(found, found + needle.length)}
      </mark>,
    );
    at = found + needle.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
